import { ActionIcon, Alert, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconKey, IconMailPlus, IconUserMinus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invite, WorkspaceRole } from '@provod/contracts';
import { api, keys } from '../../api/endpoints';
import { accountApi } from '../../auth/account-api';
import { useMe } from '../../auth/use-me';
import { useRole } from '../../auth/use-role';
import { CopyField } from '../../components/CopyField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LocaleSection } from './LocaleSection';
import { RetentionSection } from './RetentionSection';
import { PageLoader } from '../../components/PageLoader';
import { errorMessage } from '../../lib/errors';
import { PageTitle } from '../../components/PageTitle';

export default function MembersPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('members.title')} · Provod`);
  const client = useQueryClient();
  const me = useMe();
  const members = useQuery({ queryKey: keys.members, queryFn: api.members });
  const [email, setEmail] = useState('');
  const [inviteRole, setInviteRole] = useState<WorkspaceRole>('editor');
  const [invite, setInvite] = useState<(Invite & { email: string }) | null>(null);
  const { isOwner } = useRole();
  const roleOptions = (['owner', 'editor', 'viewer'] as const).map((value) => ({ value, label: t(`roles.${value}`) }));
  const sendInvite = useMutation({
    mutationFn: (address: string) => api.invite(address, inviteRole),
    onSuccess: (result, address) => {
      setInvite({ ...result, email: address });
      setEmail('');
    },
  });
  const [resetLink, setResetLink] = useState<{ url: string; email: string } | null>(null);
  // For a member who cannot sign in and has no mail from the server: a one-time link to hand over.
  const issueReset = useMutation({
    mutationFn: (member: { userId: string; email: string }) => accountApi.issueReset(member.userId),
    onSuccess: (result, member) => setResetLink({ url: result.resetUrl, email: member.email }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
  });
  const changeRole = useMutation({
    mutationFn: (change: { userId: string; role: WorkspaceRole }) => api.setRole(change.userId, change.role),
    onSuccess: (member) => {
      notifications.show({ color: 'teal', message: t('members.roleChanged', { who: member.email, role: t(`roles.${member.role}`) }) });
      void client.invalidateQueries({ queryKey: keys.members });
      void client.invalidateQueries({ queryKey: keys.me });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
  });
  const remove = useMutation({
    mutationFn: api.removeMember,
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.members }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
  });
  const confirmRemove = (userId: string, who: string) =>
    modals.openConfirmModal({
      title: t('members.removeTitle'),
      children: <Text size="sm">{t('members.removeText', { who })}</Text>,
      labels: { confirm: t('members.remove'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(userId),
    });

  return (
    <Stack gap="md" maw={900}>
      <PageTitle title={t('members.title')} subtitle={t('members.subtitle')} />
      <Text size="sm" c="dimmed">
        {t('members.rolesHint')}
      </Text>
      {isOwner && (
      <Card withBorder radius="md" padding="md">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (email.trim()) sendInvite.mutate(email.trim());
          }}
        >
          <Group align="flex-end" gap="xs">
            <TextInput label={t('members.inviteEmail')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} placeholder="colleague@example.com" required style={{ flex: 1 }} maw={360} />
            <Select label={t('members.inviteRole')} data={roleOptions} value={inviteRole} onChange={(value) => value && setInviteRole(value as WorkspaceRole)} allowDeselect={false} w={170} />
            <Button type="submit" leftSection={<IconMailPlus size={16} />} loading={sendInvite.isPending}>
              {t('members.invite')}
            </Button>
          </Group>
        </form>
        <Stack mt="sm" gap="xs">
          <ErrorAlert error={sendInvite.error} />
          {resetLink && (
            <Alert color="indigo" variant="light" title={t('members.resetLinkWho', { who: resetLink.email })}>
              <Stack gap={4}>
                <Text size="sm">{t('members.resetHint')}</Text>
                <CopyField value={resetLink.url} label={t('members.resetLink')} />
              </Stack>
            </Alert>
          )}
          {invite && (
            <Alert color="teal" variant="light" title={invite.emailed ? t('members.invitedEmailed', { email: invite.email }) : t('members.invitedLink', { email: invite.email })}>
              <Stack gap={4}>
                <Text size="sm">{t('members.inviteLinkHint')}</Text>
                <CopyField value={invite.inviteUrl} label={t('members.inviteLink')} />
              </Stack>
            </Alert>
          )}
        </Stack>
      </Card>
      )}
      {members.isPending ? (
        <PageLoader />
      ) : members.isError ? (
        <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <Card withBorder radius="md" padding={0}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label={t('members.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('members.name')}</Table.Th>
                <Table.Th>{t('members.email')}</Table.Th>
                <Table.Th>{t('members.role')}</Table.Th>
                <Table.Th w={90}>
                  <span className="visually-hidden">{t('history.colActions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data.map((member) => {
                const self = member.userId === me.data?.user.id;
                return (
                  <Table.Tr key={member.userId}>
                    <Table.Td>
                      {member.name || '—'}
                      {self && (
                        <Text span size="xs" c="dimmed" ml={6}>
                          {t('members.you')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{member.email}</Table.Td>
                    <Table.Td>
                      {isOwner ? (
                        <Select
                          aria-label={t('members.roleOf', { who: member.email })}
                          data={roleOptions}
                          value={member.role}
                          onChange={(value) => value && value !== member.role && changeRole.mutate({ userId: member.userId, role: value as WorkspaceRole })}
                          allowDeselect={false}
                          disabled={changeRole.isPending}
                          w={170}
                          size="xs"
                        />
                      ) : (
                        <Badge variant="light" color={member.role === 'owner' ? 'indigo' : 'gray'}>
                          {t(`roles.${member.role}`)}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {isOwner && !self && (
                          <Tooltip label={t('members.resetLink')}>
                            <ActionIcon
                              variant="subtle"
                              aria-label={t('members.resetLinkWho', { who: member.email })}
                              loading={issueReset.isPending && issueReset.variables?.userId === member.userId}
                              onClick={() => issueReset.mutate(member)}
                            >
                              <IconKey size={16} />
                            </ActionIcon>
                          </Tooltip>
                        )}
                        {isOwner && !self && member.role !== 'owner' && (
                          <Tooltip label={t('members.remove')}>
                            <ActionIcon variant="subtle" color="red" aria-label={t('members.removeWho', { who: member.email })} onClick={() => confirmRemove(member.userId, member.email)}>
                              <IconUserMinus size={16} />
                            </ActionIcon>
                          </Tooltip>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      <RetentionSection isOwner={isOwner} />
      <LocaleSection isOwner={isOwner} />
    </Stack>
  );
}
