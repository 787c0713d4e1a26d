import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processingDefinitionSchema, processingExportSchema } from '../processing.schema';
import { applyTemplate, mappingDefaults, normaliseAnswer, textFor } from './apply-template';
import { templateProblems } from './template-problems';
import { templateFileSchema, type TemplateFile, type WizardQuestion } from './template-wizard.schema';

const dir = join(__dirname, '../../../../templates');
const load = (name: string): TemplateFile => templateFileSchema.parse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

const question = (file: TemplateFile, id: string): WizardQuestion => file.wizard.questions.find((q) => q.id === id)!;
const stepOf = (result: { actions: { key: string }[] }, key: string) => result.actions.find((a) => a.key === key) as unknown as { name: string; settings: Record<string, unknown> };
const jsonOf = (result: { actions: { key: string }[] }, key: string, field = 'template') => JSON.parse(stepOf(result, key).settings[field] as string) as Record<string, unknown>;

describe('shipped templates', () => {
  it('are all here', () => {
    expect(files.sort()).toEqual(['uon-to-bitrix24.json', 'uon-to-envybox.json', 'uon-to-telegram.json', 'webhook-to-http.json']);
  });

  it('are copied byte for byte into the web app, whose gallery reads them', () => {
    const web = join(__dirname, '../../../../apps/web/src/templates');
    expect(readdirSync(web).filter((f) => f.endsWith('.json')).sort()).toEqual([...files].sort());
    for (const name of files) expect(readFileSync(join(web, name), 'utf8')).toBe(readFileSync(join(dir, name), 'utf8'));
  });

  it.each(files)('%s is importable as it is and its wizard agrees with its steps', (name) => {
    const raw = JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown;
    expect(processingExportSchema.safeParse(raw).success).toBe(true);
    const file = load(name);
    expect(templateProblems(file)).toEqual([]);
    // No account's IDs ride along: the only numbers in a template are its own settings.
    expect(JSON.stringify(file.actions)).not.toMatch(/6265|14656|3341[5-7]/);
  });

  it.each(files)('%s gives a valid processing for every gallery entry', (name) => {
    const file = load(name);
    for (const entry of file.wizard.entries) {
      const answers: Record<string, string> = { ...entry.answers };
      for (const q of file.wizard.questions) {
        const sample = q.kind === 'number' ? '' : q.kind === 'url' || q.kind === 'secretUrl' ? 'https://portal.example.org/rest/7/tok3n/' : q.kind === 'text' ? '-100123' : 'agency';
        const normal = normaliseAnswer(q, answers[q.id] ?? sample);
        if ('problem' in normal) throw new Error(`${entry.id} ${q.id}: ${normal.problem}`);
        answers[q.id] = normal.value;
      }
      const result = applyTemplate(file, { answers, name: entry.name });
      expect(processingDefinitionSchema.safeParse(result).success).toBe(true);
      expect(result.name).toBe(entry.name);
    }
  });
});

describe('applyTemplate', () => {
  const envybox = load('uon-to-envybox.json');
  const base = { uon_kind: 'request', uon_api: 'https://api.u-on.ru', envybox_account: 'https://agency.envycrm.com' };

  it('fills the account address and leaves out the optional IDs left empty', () => {
    const result = applyTemplate(envybox, { answers: { ...base, pipeline_id: '', inbox_type_id: '', employee_id: '' } });
    expect(stepOf(result, 'create_lead').settings.url).toBe('https://agency.envycrm.com/openapi/v1/lead/set/');
    expect(stepOf(result, 'fetch_request').settings.url).toBe('https://api.u-on.ru/{{secrets.UON_KEY}}/request/{{source.r_id}}.json');
    const lead = jsonOf(result, 'lead').request as Record<string, unknown>;
    expect(lead).not.toHaveProperty('pipeline_id');
    expect(lead).not.toHaveProperty('inbox_type_id');
    expect(lead.method).toBe('create');
  });

  it('puts the IDs given into the lead as numbers', () => {
    const result = applyTemplate(envybox, { answers: { ...base, pipeline_id: '42', inbox_type_id: '7', employee_id: '' } });
    expect(jsonOf(result, 'lead').request).toMatchObject({ pipeline_id: 42, inbox_type_id: 7 });
    expect(jsonOf(result, 'lead').request).not.toHaveProperty('employee_id');
  });

  it('fetches and parses a lead («обращение») when asked to', () => {
    const result = applyTemplate(envybox, { answers: { ...base, uon_kind: 'lead' } });
    expect(stepOf(result, 'fetch_request').settings.url).toBe('https://api.u-on.ru/{{secrets.UON_KEY}}/lead/{{source.r_id}}.json');
    expect(stepOf(result, 'fetch_request').name).toBe('Получить обращение из U-ON');
    expect(JSON.stringify(stepOf(result, 'fields').settings.fields)).not.toContain('"request"');
    expect((stepOf(result, 'fields').settings.fields as { path: string }[])[0]!.path).toBe('["lead"][0]["id"]');
  });

  it('writes the mapping the user changed and drops a field set to "leave out"', () => {
    const defaults = mappingDefaults(envybox, envybox.wizard.mapping!);
    expect(defaults['request.values.phone']).toBe('{{digits fields.client_phone_mobile}}');
    const result = applyTemplate(envybox, {
      answers: base,
      mapping: { ...defaults, 'request.values.name': '{{fields.client_surname}}', 'request.values.utm_source': '' },
    });
    const values = (jsonOf(result, 'lead').request as { values: Record<string, unknown> }).values;
    expect(values.name).toBe('{{fields.client_surname}}');
    expect(values).not.toHaveProperty('utm_source');
    expect(values.email).toBe('{{fields.client_email}}');
  });

  it('renames secrets everywhere they are used, and nowhere else', () => {
    const result = applyTemplate(envybox, { answers: base, secretNames: { UON_KEY: 'UON_KEY_2', ENVYBOX_KEY: 'ENVYBOX_KEY' } });
    expect(stepOf(result, 'fetch_request').settings.url).toContain('{{secrets.UON_KEY_2}}');
    expect(JSON.stringify(result.actions)).not.toMatch(/secrets\.UON_KEY\b/);
    expect(JSON.stringify(result.actions)).toContain('{{secrets.ENVYBOX_KEY}}');
  });

  it('sets the Telegram chat and the Bitrix24 portal from the answers', () => {
    const telegram = load('uon-to-telegram.json');
    const tg = applyTemplate(telegram, { answers: { uon_kind: 'request', uon_api: 'https://api.u-on.ru', telegram_api: 'https://api.telegram.org', chat_id: '-100555' } });
    const body = JSON.parse((stepOf(tg, 'send_message').settings.body as { template: string }).template) as { chat_id: string; text: string };
    expect(body.chat_id).toBe('-100555');
    expect(stepOf(tg, 'send_message').settings.url).toBe('https://api.telegram.org/bot{{secrets.TELEGRAM_BOT_TOKEN}}/sendMessage');

    const bitrix = load('uon-to-bitrix24.json');
    const hook = normaliseAnswer(question(bitrix, 'bitrix_webhook'), 'https://agency.bitrix24.ru/rest/12/s3cr3tc0de/crm.lead.add.json');
    expect(hook).toEqual({ value: 'https://agency.bitrix24.ru/rest/12/', secret: 's3cr3tc0de' });
    const bx = applyTemplate(bitrix, { answers: { uon_kind: 'request', uon_api: 'https://api.u-on.ru', bitrix_webhook: 'https://agency.bitrix24.ru/rest/12/' } });
    expect(stepOf(bx, 'create_lead').settings.url).toBe('https://agency.bitrix24.ru/rest/12/{{secrets.BITRIX24_WEBHOOK_TOKEN}}/crm.lead.add.json');
  });
});

describe('normaliseAnswer', () => {
  const envybox = load('uon-to-envybox.json');
  const account = question(envybox, 'envybox_account');

  it.each([
    ['agency', 'https://agency.envycrm.com'],
    ['agency.envycrm.com', 'https://agency.envycrm.com'],
    ['https://agency.envycrm.com/leads/list', 'https://agency.envycrm.com'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
  ])('reads the account address %s as %s', (typed, origin) => {
    expect(normaliseAnswer(account, typed)).toEqual({ value: origin });
  });

  it('names what is wrong with an answer', () => {
    expect(normaliseAnswer(account, '')).toEqual({ problem: 'required' });
    expect(normaliseAnswer(account, 'ftp://agency')).toEqual({ problem: 'address' });
    expect(normaliseAnswer(account, 'a{{secrets.X}}')).toEqual({ problem: 'braces' });
    expect(normaliseAnswer(question(envybox, 'pipeline_id'), '')).toEqual({ value: '' });
    expect(normaliseAnswer(question(envybox, 'pipeline_id'), '12a')).toEqual({ problem: 'number' });
    expect(normaliseAnswer(question(envybox, 'uon_api'), '')).toEqual({ value: 'https://api.u-on.ru' });
    const chat = question(load('uon-to-telegram.json'), 'chat_id');
    expect(normaliseAnswer(chat, '@agency_news')).toEqual({ value: '@agency_news' });
    expect(normaliseAnswer(chat, 'my chat')).toEqual({ problem: 'pattern' });
    const hook = question(load('uon-to-bitrix24.json'), 'bitrix_webhook');
    expect(normaliseAnswer(hook, 'https://agency.bitrix24.ru/')).toEqual({ problem: 'secretUrl' });
  });

  it('picks the text variant that fits the answers', () => {
    const label = envybox.wizard.testEvent.param!.label;
    expect(textFor(label, { uon_kind: 'lead' }).ru).toBe('Номер обращения в U-ON');
    expect(textFor(label, { uon_kind: 'request' }).ru).toBe('Номер заявки в U-ON');
  });
});
