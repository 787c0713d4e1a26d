import { ACTION_DESCRIPTORS, ACTION_TYPES, actionSchema, effectOf, onInterruption, retrySettingsOf, summaryOf, type Action } from './index';

function action(type: string, settings: unknown): Action {
  return actionSchema.parse({ id: 'a1', key: 'step', name: 'Шаг', type, settings });
}

describe('the action types derived from the descriptors', () => {
  it('lists every descriptor once, in order, and validates each by its own schema', () => {
    expect(ACTION_TYPES).toEqual(ACTION_DESCRIPTORS.map((d) => d.type));
    expect(new Set(ACTION_TYPES).size).toBe(ACTION_TYPES.length);
    expect(actionSchema.safeParse({ id: 'a1', key: 'k', name: 'n', type: 'nope', settings: {} }).success).toBe(false);
  });

  it('reads the effect from the settings where it depends on them', () => {
    expect(effectOf(action('http_request', { url: 'https://x.test/', method: 'GET' }))).toBe('reads');
    expect(effectOf(action('http_request', { url: 'https://x.test/', method: 'POST' }))).toBe('writes');
    expect(effectOf(action('send_email', { to: 'a@b.ru', subject: 'S' }))).toBe('writes');
    expect(effectOf(action('filter', { conditions: [{ left: '{{source.a}}' }] }))).toBe('pure');
  });

  it('fills nested settings from their fields own defaults, written once in the schema', () => {
    const http = action('http_request', { url: 'https://x.test/' });
    expect(retrySettingsOf(http)).toEqual({ attempts: 4, initialDelayMs: 2_000, maxDelayMs: 300_000, extraStatuses: [] });
    expect(http.type === 'http_request' && http.settings.idempotencyKey).toEqual({ enabled: true, header: 'Idempotency-Key' });
    expect(retrySettingsOf(action('send_email', { to: 'a@b.ru', subject: 'S', retry: { attempts: 2 } }))).toEqual({ attempts: 2, initialDelayMs: 5_000, maxDelayMs: 300_000 });
    expect(retrySettingsOf(action('json_composer', { template: '{}' }))).toBeNull();
  });

  it('keeps a letter that may have left, and resends the rest', () => {
    expect(onInterruption('send_email')).toBe('keep');
    expect(onInterruption('http_request')).toBe('resend');
  });

  it('summarises a step in one line, in Russian and in English', () => {
    const parser = (count: number) => action('json_parser', { input: '{{uon.body}}', fields: Array.from({ length: count }, (_, i) => ({ name: `f${i}`, path: `a${i}` })) });
    expect([1, 2, 5, 11, 21].map((n) => summaryOf(parser(n), 'ru'))).toEqual([
      '1 поле из {{uon.body}}',
      '2 поля из {{uon.body}}',
      '5 полей из {{uon.body}}',
      '11 полей из {{uon.body}}',
      '21 поле из {{uon.body}}',
    ]);
    expect(summaryOf(parser(1), 'en')).toBe('1 field from {{uon.body}}');
    const filter = action('filter', { match: 'any', conditions: [{ left: '{{source.type_id}}', right: '1' }, { left: '{{source.phone}}', operator: 'is_empty', right: 'ignored' }] });
    expect(summaryOf(filter, 'ru')).toBe('{{source.type_id}} равно 1 или {{source.phone}} пусто');
    expect(summaryOf(filter, 'en')).toBe('{{source.type_id}} equals 1 or {{source.phone}} is empty');
    expect(summaryOf(action('http_request', { url: 'https://x.test/' }), 'en')).toBe('GET https://x.test/');
    expect(summaryOf(action('json_composer', { template: `{\n  "a": "${'x'.repeat(200)}"\n}` }), 'ru')).toHaveLength(120);
  });
});
