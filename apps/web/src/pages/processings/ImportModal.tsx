import { Button, FileButton, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { checkJson } from '@provod/contracts';
import { api, keys } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useJsonProblemText } from '../../lib/use-json-problem';
import { ModalActions } from '../../components/ModalActions';

export function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const describe = useJsonProblemText();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const importIt = useMutation({
    mutationFn: api.importProcessing,
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: keys.processings });
      setText('');
      onClose();
      navigate(`/processings/${created.id}`);
    },
  });
  const submit = () => {
    const found = checkJson(text);
    if (found) {
      setProblem(describe(found));
      return;
    }
    setProblem(null);
    importIt.mutate(JSON.parse(text));
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('processings.importTitle')} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('processings.importHint')}
        </Text>
        <Group>
          <FileButton accept="application/json,.json" onChange={(file) => void file?.text().then(setText)}>
            {(props) => (
              <Button variant="default" leftSection={<IconUpload size={16} />} {...props}>
                {t('processings.importFile')}
              </Button>
            )}
          </FileButton>
        </Group>
        <Textarea
          label={t('processings.importLabel')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={8}
          maxRows={16}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
          error={problem}
        />
        <ErrorAlert error={importIt.error} />
        <ModalActions onCancel={onClose} submitLabel={t('processings.importSubmit')} loading={importIt.isPending} disabled={!text.trim()} onSubmit={submit} />
      </Stack>
    </Modal>
  );
}
