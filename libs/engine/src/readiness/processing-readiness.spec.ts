import type { Action, ReadinessProblem, WebhookSource } from '@provod/contracts';
import { checkReadiness } from './processing-readiness';

const source: WebhookSource = { type: 'webhook', methods: ['GET'], parameters: [{ name: 'r_id' }], dedup: null };

function http(key: string, url: string, extra: Record<string, unknown> = {}): Action {
  return {
    id: key,
    key,
    name: `Step ${key}`,
    type: 'http_request',
    settings: {
      method: 'GET',
      url,
      query: [],
      headers: [],
      body: { mode: 'none' },
      timeoutMs: 30_000,
      acceptStatuses: [],
      auth: { type: 'none' },
      connectTimeoutMs: 10_000,
      maxResponseBytes: 1024 * 1024,
      followRedirects: true,
      maxRedirects: 5,
      retry: { attempts: 1, initialDelayMs: 0, maxDelayMs: 0, extraStatuses: [] },
      idempotencyKey: { enabled: false, header: 'Idempotency-Key' },
      retryWritesOnTimeout: false,
      rateLimitPerSecond: null,
      ...extra,
    },
  } as Action;
}

const parser = (key: string, input: string, fields: string[]): Action => ({
  id: key,
  key,
  name: `Parse ${key}`,
  type: 'json_parser',
  settings: { input, fields: fields.map((name) => ({ name, path: `["${name}"]`, required: false, cast: 'none' as const })) },
});

const composer = (key: string, template: string): Action => ({
  id: key,
  key,
  name: `Compose ${key}`,
  type: 'json_composer',
  settings: { template, dropEmpty: false },
});

const codes = (problems: ReadinessProblem[]) => problems.map((p) => [p.code, p.path]);
const secrets = (...names: string[]) => ({ secretNames: new Set(names) });

describe('checkReadiness', () => {
  it('finds nothing in a processing that can run', () => {
    const sut = checkReadiness(
      {
        source: { ...source, dedup: { key: '{{source.r_id}}', windowSeconds: 60 } },
        actions: [
          http('fetch', 'https://api.u-on.ru/{{secrets.UON_KEY}}/request/{{source.r_id}}.json'),
          parser('fields', '{{fetch.body}}', ['name', 'phone']),
          composer('lead', '{"name": "{{fields.name}}", "phone": "{{digits fields.phone}}", "raw": "{{fetch.body.request.[0].id}}"}'),
          http('send', 'https://{{secrets.ENVY_HOST}}/api/leads', {
            method: 'POST',
            body: { mode: 'json', template: '{{lead}}' },
            auth: { type: 'bearer', token: '{{secrets.ENVY_KEY}}' },
          }),
        ],
      },
      secrets('UON_KEY', 'ENVY_KEY', 'ENVY_HOST'),
    );
    expect(sut).toEqual([]);
  });

  it('refuses a processing without steps', () => {
    expect(codes(checkReadiness({ source, actions: [] }, secrets()))).toEqual([['no_actions', 'actions']]);
  });

  it('names a referenced secret that does not exist, in a URL and in the auth settings', () => {
    const sut = checkReadiness(
      { source, actions: [http('send', 'https://api.test/{{secrets.UON_KEY}}', { auth: { type: 'bearer', token: '{{secrets.ENVYBOX_KEY}}' } })] },
      secrets('UON_KEY'),
    );
    expect(sut).toEqual([
      {
        code: 'missing_secret',
        step: 'send',
        stepName: 'Step send',
        field: 'settings.auth.token',
        path: 'actions.0.settings.auth.token',
        message: { ru: expect.stringContaining('Секрета ENVYBOX_KEY нет'), en: expect.stringContaining('There is no secret ENVYBOX_KEY') },
      },
    ]);
  });

  it.each([
    ['https://ACCOUNT.envycrm.com/openapi/v1/lead/'],
    ['https://<id>.u-on.ru/api.php'],
    ['https://api.example.com/leads'],
    ['https://.envycrm.com/lead'],
    ['https://YOUR_DOMAIN.bitrix24.ru/rest/1/x/crm.lead.add.json'],
  ])('flags the placeholder host in %s', (url) => {
    expect(codes(checkReadiness({ source, actions: [http('send', url)] }, secrets()))).toEqual([['placeholder_host', 'actions.0.settings.url']]);
  });

  it('accepts real hosts, hosts from a template, and words that only look like placeholders in lower case', () => {
    for (const url of ['https://myaccount.envycrm.com/x', 'https://{{secrets.HOST}}/x', 'https://{{secrets.ACC}}.envycrm.com/x', 'http://127.0.0.1:8080/a']) {
      expect(checkReadiness({ source, actions: [http('send', url)] }, secrets('HOST', 'ACC'))).toEqual([]);
    }
  });

  it('names references to steps that do not exist, that run later, and outputs a step does not give', () => {
    const sut = checkReadiness(
      {
        source,
        actions: [
          http('fetch', 'https://api.test/{{fetch_request.body}}/{{fields.name}}'),
          parser('fields', '{{fetch.bdy}}', ['name']),
          composer('lead', '{"n": "{{fields.nmae}}", "ok": "{{fields.name}}", "any": "{{lead_x}}"}'),
        ],
      },
      secrets(),
    );
    expect(sut.map((p) => [p.code, p.step, p.field])).toEqual([
      ['unknown_step', 'fetch', 'settings.url'],
      ['later_step', 'fetch', 'settings.url'],
      ['unknown_output', 'fields', 'settings.input'],
      ['unknown_output', 'lead', 'settings.template'],
      ['unknown_step', 'lead', 'settings.template'],
    ]);
    expect(sut[2]!.message.ru).toContain('Есть: status, headers, body');
  });

  it('names a source parameter that is not declared, also in the deduplication key', () => {
    const sut = checkReadiness(
      { source: { ...source, dedup: { key: '{{source.type_id}}:{{fetch.body}}', windowSeconds: 60 } }, actions: [http('fetch', 'https://a.test/{{source.request_id}}')] },
      secrets(),
    );
    expect(codes(sut)).toEqual([
      ['unknown_parameter', 'source.dedup.key'],
      ['later_step', 'source.dedup.key'],
      ['unknown_parameter', 'actions.0.settings.url'],
    ]);
    expect(sut[2]!.message.ru).toBe('{{source.request_id}}: параметра «request_id» нет среди параметров вебхука (r_id). Добавьте его в источник.');
  });

  it('names invalid JSON templates with line and column, and templates that do not parse', () => {
    const sut = checkReadiness(
      {
        source,
        actions: [
          composer('lead', '{"name": {{source.r_id}}}'),
          composer('empty_doc', '{{source.r_id}}{ }'),
          http('send', 'https://a.test/{{source.r_id', { method: 'POST', body: { mode: 'json', template: '{\n  "a": 1,\n}' } }),
        ],
      },
      secrets(),
    );
    expect(codes(sut)).toEqual([
      ['invalid_json', 'actions.0.settings.template'],
      ['invalid_json', 'actions.1.settings.template'],
      ['invalid_template', 'actions.2.settings.url'],
      ['invalid_json', 'actions.2.settings.body.template'],
    ]);
    expect(sut[3]!.message.en).toContain('line 3, column 1');
  });
});
