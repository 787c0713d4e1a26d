import { Code, Stack, Tabs, Text } from '@mantine/core';
import type { RawRequest, SampleRequest } from '@provod/contracts';
import { useTranslation } from 'react-i18next';
import { JsonView } from './JsonView';

/** A recorded event has it all; a test run's sample carries only what the steps read (no raw body text). */
export type ShownRequest = SampleRequest & Partial<RawRequest>;

export function RawRequestView({ request }: { request: ShownRequest }) {
  const { t } = useTranslation();
  return (
    <Tabs defaultValue="query" variant="outline" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="query">{t('request.query')}</Tabs.Tab>
        <Tabs.Tab value="body">{t('request.body')}</Tabs.Tab>
        <Tabs.Tab value="headers">{t('request.headers')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="query" pt="xs">
        <JsonView value={request.query} label={t('request.query')} />
      </Tabs.Panel>
      <Tabs.Panel value="body" pt="xs">
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            {t('request.contentType')}: {request.contentType ?? request.headers['content-type'] ?? '—'}
            {request.bodyEncoding === 'base64' ? ` · ${t('request.base64')}` : ''}
          </Text>
          {request.body !== null && typeof request.body === 'object' ? (
            <JsonView value={request.body} label={t('request.body')} />
          ) : (
            <Code block>{request.bodyText ?? (typeof request.body === 'string' && request.body ? request.body : '—')}</Code>
          )}
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="headers" pt="xs">
        <JsonView value={request.headers} expandLevels={1} label={t('request.headers')} />
      </Tabs.Panel>
    </Tabs>
  );
}
