import { Accordion, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { HTTP_METHODS, httpBodySchema, type HttpAuth, type HttpBody, type HttpRequestSettings } from '@provod/contracts';
import { useTranslation } from 'react-i18next';
import { withSchemaDefaults } from '../../actions';
import { TemplateInput } from './FieldPicker';
import { useIssue } from './issues';
import { LazyJsonEditor } from './LazyJsonEditor';
import { PairsEditor } from './PairsEditor';

const BODY_MODES = ['none', 'json', 'form', 'raw'] as const;
const AUTH_TYPES = ['none', 'basic', 'bearer', 'api_key'] as const;

function bodyFor(mode: HttpBody['mode'], previous: HttpBody): HttpBody {
  if (mode === previous.mode) return previous;
  switch (mode) {
    case 'none':
      return { mode };
    case 'json':
      // Empty, so that a field inserted as the whole body (`{{lead}}`) is not followed by a stray `{ }`.
      return { mode, template: '' };
    case 'form':
      return { mode, fields: [] };
    case 'raw':
      // The content type comes from the schema's default.
      return withSchemaDefaults(httpBodySchema, { mode, text: '' });
  }
}

function authFor(type: HttpAuth['type']): HttpAuth {
  switch (type) {
    case 'none':
      return { type };
    case 'basic':
      return { type, username: '', password: '' };
    case 'bearer':
      return { type, token: '' };
    case 'api_key':
      return { type, in: 'header', name: 'X-API-Key', value: '' };
  }
}

/** Seconds for people, milliseconds for the API. */
const toSeconds = (ms: number) => Math.round(ms / 100) / 10;
const toMs = (value: string | number, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 1000) : fallback);

function parseStatuses(values: string[]): number[] {
  return values.map((v) => Number(v.trim())).filter((n) => Number.isInteger(n));
}

export interface HttpRequestFormProps {
  settings: HttpRequestSettings;
  onChange: (settings: HttpRequestSettings) => void;
  /** Where this step's settings sit in the saved document, e.g. `actions.3.settings`. */
  path: string;
}

// The API answers with settings read through the schema, so every default is there, old rows included.
export function HttpRequestForm({ settings, onChange, path }: HttpRequestFormProps) {
  const { t } = useTranslation();
  const set = <K extends keyof HttpRequestSettings>(key: K, value: HttpRequestSettings[K]) => onChange({ ...settings, [key]: value });
  const issue = (sub: string, deep = false) => useIssue(`${path}.${sub}`, deep);
  const methodIssue = issue('method');
  const urlIssue = issue('url');
  const bodyIssue = issue('body', true);
  const authIssue = issue('auth', true);
  const timeoutIssue = issue('timeoutMs');
  const acceptIssue = issue('acceptStatuses', true);
  const retryIssue = issue('retry', true);
  const idemIssue = issue('idempotencyKey', true);
  const rateIssue = issue('rateLimitPerSecond');
  const body = settings.body;
  const auth = settings.auth;
  const advancedHasIssue = Boolean(timeoutIssue || acceptIssue || retryIssue || idemIssue || rateIssue);

  return (
    <Stack gap="md">
      <Group align="flex-start" gap="xs" wrap="nowrap">
        <Select
          label={t('http.method')}
          data={HTTP_METHODS.map((m) => ({ value: m, label: m }))}
          value={settings.method}
          onChange={(value) => value && set('method', value as HttpRequestSettings['method'])}
          allowDeselect={false}
          w={120}
          error={methodIssue}
          comboboxProps={{ withinPortal: true }}
        />
        <div style={{ flex: 1, minWidth: 0 }}>
          <TemplateInput
            label={t('http.url')}
            placeholder="https://api.u-on.ru/{{secrets.UON_KEY}}/request/{{source.r_id}}.json"
            value={settings.url}
            onChange={(value) => set('url', value)}
            error={urlIssue}
            required
            description={t('http.urlHint')}
          />
        </div>
      </Group>

      <PairsEditor
        label={t('http.query')}
        pairs={settings.query}
        onChange={(pairs) => set('query', pairs)}
        path={`${path}.query`}
        nameLabel={t('http.paramName')}
        valueLabel={t('http.paramValue')}
        addLabel={t('http.addQuery')}
      />
      <PairsEditor
        label={t('http.headers')}
        pairs={settings.headers}
        onChange={(pairs) => set('headers', pairs)}
        path={`${path}.headers`}
        nameLabel={t('http.headerName')}
        valueLabel={t('http.headerValue')}
        addLabel={t('http.addHeader')}
      />

      <Stack gap={6}>
        <Text size="sm" fw={500} id={`${path}-body`}>
          {t('http.body')}
        </Text>
        <SegmentedControl
          aria-labelledby={`${path}-body`}
          value={body.mode}
          onChange={(mode) => set('body', bodyFor(mode as HttpBody['mode'], body))}
          data={BODY_MODES.map((mode) => ({ value: mode, label: t(`http.bodyMode.${mode}`) }))}
          w="fit-content"
        />
        {body.mode === 'none' && settings.method !== 'GET' && (
          <Text size="xs" c="dimmed">
            {t('http.bodyNoneHint')}
          </Text>
        )}
        {body.mode === 'json' && (
          <LazyJsonEditor
            label={t('http.bodyJson')}
            description={t('http.bodyJsonHint', { example: '{{lead}}' })}
            value={body.template}
            onChange={(template) => set('body', { ...body, template })}
            mode="jsonOrReference"
            error={bodyIssue}
            minHeight="80px"
          />
        )}
        {body.mode === 'form' && (
          <PairsEditor
            label={t('http.formFields')}
            pairs={body.fields}
            onChange={(fields) => set('body', { ...body, fields })}
            path={`${path}.body.fields`}
            nameLabel={t('http.fieldName')}
            valueLabel={t('http.fieldValue')}
            addLabel={t('http.addField')}
          />
        )}
        {body.mode === 'raw' && (
          <>
            <TextInput label={t('http.contentType')} value={body.contentType} onChange={(e) => set('body', { ...body, contentType: e.currentTarget.value })} w={320} />
            <TemplateInput label={t('http.rawText')} multiline value={body.text} onChange={(text) => set('body', { ...body, text })} />
          </>
        )}
        {bodyIssue && body.mode !== 'json' && (
          <Text size="xs" c="red">
            {bodyIssue}
          </Text>
        )}
      </Stack>

      <Stack gap={6}>
        <Select
          label={t('http.auth')}
          data={AUTH_TYPES.map((type) => ({ value: type, label: t(`http.authType.${type}`) }))}
          value={auth.type}
          onChange={(type) => type && set('auth', auth.type === type ? auth : authFor(type as HttpAuth['type']))}
          allowDeselect={false}
          w={260}
          description={auth.type !== 'none' ? t('http.authHint', { example: '{{secrets.API_KEY}}' }) : undefined}
          comboboxProps={{ withinPortal: true }}
        />
        {auth.type === 'basic' && (
          <SimpleGrid cols={2}>
            <TemplateInput label={t('http.username')} value={auth.username} onChange={(username) => set('auth', { ...auth, username })} />
            <TemplateInput label={t('http.password')} value={auth.password} onChange={(password) => set('auth', { ...auth, password })} placeholder="{{secrets.PASSWORD}}" />
          </SimpleGrid>
        )}
        {auth.type === 'bearer' && (
          <TemplateInput label={t('http.token')} value={auth.token} onChange={(token) => set('auth', { ...auth, token })} placeholder="{{secrets.TOKEN}}" />
        )}
        {auth.type === 'api_key' && (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('http.apiKeyIn')}
              data={[
                { value: 'header', label: t('http.apiKeyInHeader') },
                { value: 'query', label: t('http.apiKeyInQuery') },
              ]}
              value={auth.in}
              onChange={(where) => where && set('auth', { ...auth, in: where as 'header' | 'query' })}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
            <TextInput label={t('http.apiKeyName')} value={auth.name} onChange={(e) => set('auth', { ...auth, name: e.currentTarget.value })} />
            <TemplateInput label={t('http.apiKeyValue')} value={auth.value} onChange={(value) => set('auth', { ...auth, value })} placeholder="{{secrets.API_KEY}}" />
          </SimpleGrid>
        )}
        {authIssue && (
          <Text size="xs" c="red">
            {authIssue}
          </Text>
        )}
      </Stack>

      <Accordion variant="contained" radius="md" defaultValue={advancedHasIssue ? 'advanced' : null}>
        <Accordion.Item value="advanced">
          <Accordion.Control>
            <Text size="sm" fw={500}>
              {t('http.advanced')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('http.advancedSummary', {
                timeout: toSeconds(settings.timeoutMs),
                attempts: settings.retry.attempts,
              })}
            </Text>
          </Accordion.Control>
          <Accordion.Panel>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <NumberInput
                  label={t('http.timeout')}
                  value={toSeconds(settings.timeoutMs)}
                  onChange={(v) => set('timeoutMs', toMs(v, settings.timeoutMs))}
                  min={0.1}
                  max={300}
                  decimalScale={1}
                  error={timeoutIssue}
                />
                <TagsInput
                  label={t('http.acceptStatuses')}
                  description={t('http.acceptStatusesHint')}
                  value={settings.acceptStatuses.map(String)}
                  onChange={(values) => set('acceptStatuses', parseStatuses(values))}
                  placeholder="404"
                  error={acceptIssue}
                  splitChars={[',', ' ']}
                />
                <NumberInput
                  label={t('http.rateLimit')}
                  description={t('http.rateLimitHint')}
                  value={settings.rateLimitPerSecond ?? ''}
                  onChange={(v) => set('rateLimitPerSecond', typeof v === 'number' && v > 0 ? Math.round(v) : null)}
                  min={1}
                  max={10000}
                  allowDecimal={false}
                  placeholder={t('http.unlimited')}
                  error={rateIssue}
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <NumberInput
                  label={t('http.retryAttempts')}
                  description={t('http.retryAttemptsHint')}
                  value={settings.retry.attempts}
                  onChange={(v) => set('retry', { ...settings.retry, attempts: typeof v === 'number' ? Math.round(v) : settings.retry.attempts })}
                  min={1}
                  max={20}
                  allowDecimal={false}
                  error={retryIssue}
                />
                <NumberInput
                  label={t('http.retryInitial')}
                  value={toSeconds(settings.retry.initialDelayMs)}
                  onChange={(v) => set('retry', { ...settings.retry, initialDelayMs: toMs(v, settings.retry.initialDelayMs) })}
                  min={0}
                  decimalScale={1}
                />
                <NumberInput
                  label={t('http.retryMax')}
                  value={toSeconds(settings.retry.maxDelayMs)}
                  onChange={(v) => set('retry', { ...settings.retry, maxDelayMs: toMs(v, settings.retry.maxDelayMs) })}
                  min={0}
                  decimalScale={1}
                />
              </SimpleGrid>
              <Group align="flex-end" gap="md">
                <Switch
                  label={t('http.idempotency')}
                  description={t('http.idempotencyHint')}
                  checked={settings.idempotencyKey.enabled}
                  onChange={(e) => set('idempotencyKey', { ...settings.idempotencyKey, enabled: e.currentTarget.checked })}
                />
                {settings.idempotencyKey.enabled && (
                  <TextInput
                    label={t('http.idempotencyHeader')}
                    value={settings.idempotencyKey.header}
                    onChange={(e) => set('idempotencyKey', { ...settings.idempotencyKey, header: e.currentTarget.value })}
                    error={idemIssue}
                    w={240}
                  />
                )}
              </Group>
              {settings.method !== 'GET' && (
                <Switch
                  label={t('http.retryWritesOnTimeout')}
                  description={t('http.retryWritesOnTimeoutHint')}
                  checked={settings.retryWritesOnTimeout}
                  onChange={(e) => set('retryWritesOnTimeout', e.currentTarget.checked)}
                />
              )}
              <Switch
                label={t('http.followRedirects')}
                checked={settings.followRedirects}
                onChange={(e) => set('followRedirects', e.currentTarget.checked)}
              />
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Stack>
  );
}
