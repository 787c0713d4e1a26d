import { ActionIcon, Button, Card, Code, Group, Modal, PasswordInput, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconKey, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, keys } from '../../api/endpoints';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/use-lang';
import { ModalActions } from '../../components/ModalActions';
import { PageTitle } from '../../components/PageTitle';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Adds a secret or replaces its value. The value is write-only: nothing ever shows it again. */
function SecretModal({ name: fixedName, opened, onClose }: { name: string | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const effectiveName = fixedName ?? name.trim();
  const save = useMutation({
    mutationFn: () => api.putSecret(effectiveName, value),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.secrets });
      notifications.show({ color: 'teal', message: t('secrets.saved', { name: effectiveName }) });
      setName('');
      setValue('');
      onClose();
    },
  });
  const nameError = !fixedName && name && !NAME.test(name.trim()) ? t('secrets.nameRule') : undefined;
  return (
    <Modal opened={opened} onClose={onClose} title={fixedName ? t('secrets.replaceTitle', { name: fixedName }) : t('secrets.addTitle')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (effectiveName && value && !nameError) save.mutate();
        }}
        autoComplete="off"
      >
        <Stack>
          {!fixedName && (
            <TextInput
              label={t('secrets.name')}
              description={t('secrets.nameHint')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value.toUpperCase())}
              error={nameError}
              required
              data-autofocus
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
          )}
          <PasswordInput
            label={t('secrets.value')}
            description={t('secrets.valueHint')}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            required
            autoComplete="new-password"
            data-autofocus={fixedName ? true : undefined}
          />
          <ErrorAlert error={save.error} />
          <ModalActions onCancel={onClose} submitLabel={t('common.save')} loading={save.isPending} disabled={!effectiveName || !value || Boolean(nameError)} />
        </Stack>
      </form>
    </Modal>
  );
}

export default function SecretsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  useDocumentTitle(`${t('secrets.title')} · Provod`);
  const client = useQueryClient();
  const secrets = useQuery({ queryKey: keys.secrets, queryFn: api.secrets });
  const [editing, setEditing] = useState<{ name: string | null } | null>(null);
  const remove = useMutation({
    mutationFn: api.deleteSecret,
    onSuccess: (_, name) => {
      void client.invalidateQueries({ queryKey: keys.secrets });
      notifications.show({ message: t('secrets.deleted', { name }) });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
  });
  const confirmDelete = (name: string) =>
    modals.openConfirmModal({
      title: t('secrets.deleteTitle'),
      children: <Text size="sm">{t('secrets.deleteText', { reference: `{{secrets.${name}}}` })}</Text>,
      labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(name),
    });

  return (
    <Stack gap="md" maw={900}>
      <Group justify="space-between" align="flex-end">
        <PageTitle title={t('secrets.title')} subtitle={t('secrets.subtitle')} />
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ name: null })}>
          {t('secrets.add')}
        </Button>
      </Group>
      {secrets.isPending ? (
        <PageLoader />
      ) : secrets.isError ? (
        <ErrorAlert error={secrets.error} onRetry={() => void secrets.refetch()} />
      ) : secrets.data.length === 0 ? (
        <EmptyState title={t('secrets.emptyTitle')} icon={<IconKey size={24} />}>
          <Text size="sm" c="dimmed" maw={480}>
            {t('secrets.emptyText', { example: '{{secrets.UON_KEY}}' })}
          </Text>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ name: null })}>
            {t('secrets.add')}
          </Button>
        </EmptyState>
      ) : (
        <Card withBorder radius="md" padding={0}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label={t('secrets.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('secrets.name')}</Table.Th>
                <Table.Th>{t('secrets.use')}</Table.Th>
                <Table.Th>{t('secrets.updated')}</Table.Th>
                <Table.Th w={100}>
                  <span className="visually-hidden">{t('history.colActions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {secrets.data.map((secret) => (
                <Table.Tr key={secret.name}>
                  <Table.Td ff="monospace" fw={600}>
                    {secret.name}
                  </Table.Td>
                  <Table.Td>
                    <Code>{`{{secrets.${secret.name}}}`}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(secret.updatedAt, lang)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Tooltip label={t('secrets.replace')}>
                        <ActionIcon variant="subtle" aria-label={t('secrets.replaceTitle', { name: secret.name })} onClick={() => setEditing({ name: secret.name })}>
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('common.delete')}>
                        <ActionIcon variant="subtle" color="red" aria-label={t('secrets.deleteTitleN', { name: secret.name })} onClick={() => confirmDelete(secret.name)}>
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      <SecretModal key={editing?.name ?? 'new'} name={editing?.name ?? null} opened={editing !== null} onClose={() => setEditing(null)} />
    </Stack>
  );
}
