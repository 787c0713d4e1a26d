import { Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { WorkspaceLocale } from '@provod/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';

const localeKey = ['workspace-locale'] as const;
const loadLocale = () => request<WorkspaceLocale>('GET', '/api/workspace/locale');
const saveLocale = (locale: WorkspaceLocale) => request<WorkspaceLocale>('PUT', '/api/workspace/locale', locale);

/** Every zone the browser knows, with the current one first so the owner can pick it in one go. */
function timeZones(current: string, browser: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([current, browser, 'Europe/Moscow', 'UTC', ...all].filter(Boolean))];
}

/** The language and time zone of the workspace's alert e-mails; owners change them. */
export function LocaleSection({ isOwner }: { isOwner: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const current = useQuery({ queryKey: localeKey, queryFn: loadLocale });
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [language, setLanguage] = useState<WorkspaceLocale['language']>('ru');
  const [timeZone, setTimeZone] = useState('Europe/Moscow');
  useEffect(() => {
    if (!current.data) return;
    setLanguage(current.data.language);
    setTimeZone(current.data.timeZone);
  }, [current.data]);
  const zones = useMemo(() => timeZones(current.data?.timeZone ?? '', browserZone), [current.data?.timeZone, browserZone]);
  const save = useMutation({
    mutationFn: saveLocale,
    onSuccess: (saved) => {
      client.setQueryData(localeKey, saved);
      notifications.show({ color: 'teal', message: t('locale.saved') });
    },
  });
  const changed = current.data && (current.data.language !== language || current.data.timeZone !== timeZone);

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="locale-title">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="locale-title">
            {t('locale.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('locale.subtitle')}
          </Text>
        </div>
        <ErrorAlert error={current.error ?? save.error} />
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate({ language, timeZone });
          }}
        >
          <Group align="flex-end" gap="md">
            <Select
              label={t('locale.language')}
              data={[
                { value: 'ru', label: 'Русский' },
                { value: 'en', label: 'English' },
              ]}
              value={language}
              onChange={(value) => value && setLanguage(value as WorkspaceLocale['language'])}
              allowDeselect={false}
              disabled={!isOwner || !current.data}
              w={180}
            />
            <Select
              label={t('locale.timeZone')}
              data={zones}
              value={timeZone}
              onChange={(value) => value && setTimeZone(value)}
              searchable
              allowDeselect={false}
              disabled={!isOwner || !current.data}
              w={260}
            />
            {isOwner && timeZone !== browserZone && (
              <Button variant="subtle" onClick={() => setTimeZone(browserZone)}>
                {t('locale.useMine', { zone: browserZone })}
              </Button>
            )}
            {isOwner && (
              <Button type="submit" loading={save.isPending} disabled={!changed}>
                {t('common.save')}
              </Button>
            )}
          </Group>
        </form>
      </Stack>
    </Card>
  );
}
