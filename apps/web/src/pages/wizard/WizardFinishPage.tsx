import { Anchor, Button, Code, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { textFor, type ProcessingView, type TemplateFile } from '@provod/contracts';
import { IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, keys, webhookUrl } from '../../api/endpoints';
import { CopyField } from '../../components/CopyField';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { PageTitle } from '../../components/PageTitle';
import { ProcessingStatusBadge } from '../../components/StatusBadge';
import { findEntry } from '../../templates';
import { useLocalText } from './local-text';
import { TestEventPanel } from './TestEventPanel';

/** The wizard's last screen: where to paste the webhook URL, a test on real data, and Start. */
export default function WizardFinishPage() {
  const { t } = useTranslation();
  const { entryId, processingId = '' } = useParams();
  const [search] = useSearchParams();
  const found = findEntry(entryId);
  const processing = useQuery({ queryKey: keys.processing(processingId), queryFn: () => api.processing(processingId) });
  useDocumentTitle(`${processing.data?.name ?? t('wizard.galleryTitle')} · Provod`);
  if (!found) return <EmptyState title={t('wizard.notFound')} />;
  if (processing.isPending) return <PageLoader />;
  if (processing.isError) return <ErrorAlert error={processing.error} onRetry={() => void processing.refetch()} />;
  const answers = Object.fromEntries(
    found.file.wizard.questions.filter((q) => q.kind === 'choice').map((q) => [q.id, search.get(q.id) ?? found.entry.answers[q.id] ?? (q.kind === 'choice' ? q.default : '')]),
  );
  return <Finish file={found.file} processing={processing.data} answers={answers} />;
}

function Finish({ file, processing, answers }: { file: TemplateFile; processing: ProcessingView; answers: Record<string, string> }) {
  const { t } = useTranslation();
  const local = useLocalText();
  const client = useQueryClient();
  const sender = local(file.wizard.sender);
  const url = webhookUrl(processing.webhookToken);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: keys.processing(processing.id) });
    void client.invalidateQueries({ queryKey: keys.processings });
  };
  const start = useMutation({ mutationFn: () => api.start(processing.id), onSuccess: refresh });
  const stop = useMutation({ mutationFn: () => api.stop(processing.id), onSuccess: refresh });
  const running = processing.status === 'running';

  return (
    <Stack gap="md" maw={820}>
      <PageTitle title={t('wizard.finishTitle', { name: processing.name })} subtitle={t('wizard.finishSubtitle', { sender })} />

      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('wizard.connectTitle', { sender })}
          </Title>
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              {t('wizard.webhookLabel')}
            </Text>
            <CopyField value={url} label={t('wizard.webhookLabel')} testId="webhook-url" />
          </Stack>
          <List type="ordered" size="sm" spacing={6}>
            {file.wizard.instructions.map((instruction, index) => {
              const text = local(textFor(instruction, answers));
              const parts = text.split('{url}');
              return (
                <List.Item key={index}>
                  {parts.map((part, i) => (
                    <Fragment key={i}>
                      {i > 0 && <Code style={{ overflowWrap: 'anywhere' }}>{url}</Code>}
                      {part}
                    </Fragment>
                  ))}
                </List.Item>
              );
            })}
          </List>
        </Stack>
      </Paper>

      <TestEventPanel file={file} processing={processing} answers={answers} />

      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
        <Stack gap="sm">
          <Group gap="xs">
            <Title order={2} size="h4">
              {t('wizard.statusTitle')}
            </Title>
            <ProcessingStatusBadge status={processing.status} />
          </Group>
          <Text size="sm">{running ? t('wizard.statusRunning', { sender }) : t('wizard.statusStopped')}</Text>
          <ErrorAlert error={start.error ?? stop.error} />
          <Group gap="sm">
            {running ? (
              <Button variant="default" leftSection={<IconPlayerStop size={16} />} onClick={() => stop.mutate()} loading={stop.isPending}>
                {t('processings.stop')}
              </Button>
            ) : (
              <Button leftSection={<IconPlayerPlay size={16} />} onClick={() => start.mutate()} loading={start.isPending}>
                {t('processings.start')}
              </Button>
            )}
            <Anchor component={Link} to={`/processings/${processing.id}/history`} size="sm">
              {t('wizard.history')}
            </Anchor>
            <Anchor component={Link} to={`/processings/${processing.id}`} size="sm">
              {t('wizard.openEditor')}
            </Anchor>
            <Anchor component={Link} to="/processings" size="sm">
              {t('wizard.toList')}
            </Anchor>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
