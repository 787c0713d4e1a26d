import { ActionIcon, Badge, Button, Card, Group, PasswordInput, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconLogout, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SessionInfo } from '@provod/contracts';
import { ApiError } from '../../api/client';
import { passwordError } from '../../auth/account-errors';
import { accountApi, accountKeys } from '../../auth/account-api';
import { useAdoptMe } from '../../auth/use-me';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { PageTitle } from '../../components/PageTitle';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/use-lang';

/** "Firefox 140 on Linux" is more than a person needs; the browser's name is enough to recognise it. */
export function deviceName(userAgent: string): string {
  const known = /(Edg|OPR|YaBrowser|Firefox|Chrome|Safari)\/[\d.]+/.exec(userAgent);
  if (known) return known[0].replace(/^Edg/, 'Edge').replace(/^OPR/, 'Opera').replace(/^YaBrowser/, 'Yandex Browser').split('.')[0]!;
  return userAgent.slice(0, 60);
}

function ChangePassword() {
  const { t } = useTranslation();
  const adopt = useAdoptMe();
  const client = useQueryClient();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const change = useMutation({
    mutationFn: accountApi.changePassword,
    onSuccess: (me) => {
      adopt(me);
      void client.invalidateQueries({ queryKey: accountKeys.sessions });
      notifications.show({ color: 'teal', message: t('sessions.changed') });
      setCurrent('');
      setNew('');
    },
  });
  const reason = passwordError(change.error, t);
  const wrongCurrent = change.error instanceof ApiError && change.error.code === 'wrong_password';
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} size="h4" mb="sm">
        {t('sessions.changeTitle')}
      </Title>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          change.mutate({ currentPassword, newPassword });
        }}
      >
        <Stack maw={360}>
          <PasswordInput
            label={t('sessions.currentPassword')}
            autoComplete="current-password"
            required
            value={currentPassword}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={wrongCurrent ? reason : undefined}
          />
          <PasswordInput
            label={t('sessions.newPassword')}
            description={t('auth.passwordHint')}
            autoComplete="new-password"
            required
            minLength={10}
            value={newPassword}
            onChange={(e) => setNew(e.currentTarget.value)}
            error={!wrongCurrent ? reason : undefined}
          />
          {!reason && <ErrorAlert error={change.error} />}
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('sessions.change')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The signed-in user's sessions: where, since when, last used; end one, or all of them. */
export default function SessionsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  useDocumentTitle(`${t('sessions.title')} · Provod`);
  const client = useQueryClient();
  const adopt = useAdoptMe();
  const navigate = useNavigate();
  const sessions = useQuery({ queryKey: accountKeys.sessions, queryFn: accountApi.sessions });
  const signedOut = () => {
    adopt(null);
    navigate('/login', { replace: true });
  };
  const revoke = useMutation({
    mutationFn: (session: SessionInfo) => accountApi.revokeSession(session.id),
    onSuccess: (_, session) => (session.current ? signedOut() : void client.invalidateQueries({ queryKey: accountKeys.sessions })),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
  });
  const revokeAll = useMutation({
    mutationFn: accountApi.revokeAllSessions,
    onSuccess: signedOut,
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
  });
  const confirmRevokeAll = () =>
    modals.openConfirmModal({
      title: t('sessions.revokeAllTitle'),
      children: <Text size="sm">{t('sessions.revokeAllText')}</Text>,
      labels: { confirm: t('sessions.revokeAll'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => revokeAll.mutate(),
    });

  return (
    <Stack gap="md" maw={900}>
      <Group justify="space-between" align="flex-end">
        <PageTitle title={t('sessions.title')} subtitle={t('sessions.subtitle')} />
        <Button color="red" variant="light" leftSection={<IconLogout size={16} />} onClick={confirmRevokeAll} loading={revokeAll.isPending}>
          {t('sessions.revokeAll')}
        </Button>
      </Group>
      {sessions.isPending ? (
        <PageLoader />
      ) : sessions.isError ? (
        <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <Card withBorder radius="md" padding={0}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label={t('sessions.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sessions.device')}</Table.Th>
                <Table.Th>{t('sessions.address')}</Table.Th>
                <Table.Th>{t('sessions.created')}</Table.Th>
                <Table.Th>{t('sessions.lastUsed')}</Table.Th>
                <Table.Th w={60}>
                  <span className="visually-hidden">{t('history.colActions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.map((session) => {
                const device = session.userAgent ? deviceName(session.userAgent) : t('sessions.unknownDevice');
                return (
                  <Table.Tr key={session.id}>
                    <Table.Td>
                      <Text size="sm" title={session.userAgent}>
                        {device}
                      </Text>
                      {session.current && (
                        <Badge variant="light" color="teal" size="sm">
                          {t('sessions.current')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {session.address || '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatDateTime(session.createdAt, lang)}</Table.Td>
                    <Table.Td>{formatDateTime(session.lastUsedAt, lang)}</Table.Td>
                    <Table.Td>
                      <Tooltip label={t('sessions.revoke')}>
                        <ActionIcon variant="subtle" color="red" aria-label={t('sessions.revokeWho', { device })} onClick={() => revoke.mutate(session)}>
                          <IconX size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      <ChangePassword />
    </Stack>
  );
}
