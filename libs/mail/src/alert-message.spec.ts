import { renderAlert, russianPlural, type AlertContent } from './alert-message';

const CANARY = 'canary-Zq81&<x>';
const failure: AlertContent = {
  kind: 'failure',
  processingName: 'U-ON → Envybox\nleads',
  windowMs: 15 * 60_000,
  failure: {
    operationId: '11111111-2222-4333-8444-555555555555',
    receivedAt: new Date('2026-11-28T09:44:10.123Z'),
    step: 'Получить заявку',
    error: {
      code: 'http_status',
      message: `The server api.u-on.ru answered 404 Not Found: no key ${CANARY}`,
      details: { status: 404, host: 'api.u-on.ru', url: 'https://api.u-on.ru/••••••/request/69.json', secret: 'UON_KEY' },
    },
    params: { r_id: '61', note: `see ${CANARY}`, nested: { key: CANARY } },
  },
};

describe('renderAlert', () => {
  it('names the processing, the step, the error, the time, the parameters and links to the operation', () => {
    const message = renderAlert(failure, { publicUrl: 'https://provod.example/', secrets: [CANARY] });
    expect(message.subject).toBe('[Provod] Ошибка: U-ON → Envybox leads');
    expect(message.text).toContain('Шаг: Получить заявку');
    expect(message.text).toContain('Что случилось: В U-ON нет заявки 69');
    expect(message.text).toContain('Что сделать: Проверьте номер или тип (заявка/обращение).');
    expect(message.text).toContain('Техническое сообщение: The server api.u-on.ru answered 404 Not Found');
    expect(message.text).toContain('  r_id: 61');
    expect(message.text).toContain('https://provod.example/operations/11111111-2222-4333-8444-555555555555');
    expect(message.text).toContain('15 мин');
    expect(message.text).not.toContain('Further failures');
    expect(message.html).toContain('<a href="https://provod.example/operations/11111111-2222-4333-8444-555555555555">');
  });

  it("shows times in the workspace's time zone, Moscow by default", () => {
    const moscow = renderAlert(failure, { publicUrl: 'https://provod.example', secrets: [] });
    expect(moscow.text).toContain('Время: 28.11.2026 12:44:10 (Europe/Moscow)');
    const tokyo = renderAlert(failure, { publicUrl: 'https://provod.example', secrets: [], timeZone: 'Asia/Tokyo' });
    expect(tokyo.text).toContain('Время: 28.11.2026 18:44:10 (Asia/Tokyo)');
    const unknown = renderAlert(failure, { publicUrl: 'https://provod.example', secrets: [], timeZone: 'Mars/Olympus' });
    expect(unknown.text).toContain('(Europe/Moscow)');
    expect(`${moscow.text}${tokyo.text}`).not.toContain('UTC');
  });

  it('writes in English for an English workspace, with the same catalogue', () => {
    const message = renderAlert(failure, { publicUrl: 'https://provod.example', secrets: [CANARY], lang: 'en', timeZone: 'Europe/London' });
    expect(message.subject).toBe('[Provod] Failure: U-ON → Envybox leads');
    expect(message.text).toContain('What happened: U-ON has no request 69');
    expect(message.text).toContain('What to do: Check the number or the type (request/lead).');
    expect(message.text).toContain('Time: 28.11.2026 09:44:10 (Europe/London)');
    expect(message.text.replace('Получить заявку', '')).not.toMatch(/[а-яё]{3}/i);
  });

  it('names the secret Envybox rejected', () => {
    const rejected: AlertContent = {
      ...failure,
      failure: {
        ...(failure as Extract<AlertContent, { kind: 'failure' }>).failure,
        error: { code: 'http_status', message: 'The server a.envycrm.com answered 401', details: { status: 401, host: 'a.envycrm.com', secret: 'ENVYBOX_KEY' } },
      },
    } as AlertContent;
    const message = renderAlert(rejected, { publicUrl: 'https://provod.example', secrets: [] });
    expect(message.text).toContain('Что случилось: Envybox отклонил ключ');
    expect(message.text).toContain('Что сделать: Проверьте секрет ENVYBOX_KEY.');
  });

  it('masks secrets everywhere, before escaping HTML', () => {
    const message = renderAlert(failure, { publicUrl: 'https://provod.example', secrets: [CANARY] });
    const all = `${message.subject}\n${message.text}\n${message.html}`;
    expect(all).not.toContain('canary');
    expect(message.text).toContain('note: see ••••••');
    expect(message.text).toContain('nested: {"key":"••••••"}');
  });

  it('escapes HTML in user-given values', () => {
    const message = renderAlert({ ...failure, processingName: '<b>x</b>' } as AlertContent, { publicUrl: 'http://p', secrets: [] });
    expect(message.html).not.toContain('<b>x</b>');
    expect(message.html).toContain('&#60;b&#62;x&#60;/b&#62;');
  });

  it('says in a digest how many failures the window saw, the first one included', () => {
    const message = renderAlert(
      {
        kind: 'digest',
        processingName: 'Leads',
        failureCount: 50,
        windowStartedAt: new Date('2026-11-28T09:00:00Z'),
        windowEnd: new Date('2026-11-28T09:15:00Z'),
        stillFailing: true,
        latest: failure.kind === 'failure' ? failure.failure : null,
      },
      { publicUrl: 'http://p', secrets: [CANARY] },
    );
    expect(message.subject).toBe('[Provod] Ошибки: Leads — 50 за 15 мин');
    expect(message.text).toContain('50 ошибок за 15 мин (28.11.2026 12:00:00 (Europe/Moscow) – 28.11.2026 12:15:00 (Europe/Moscow))');
    expect(message.text).toContain('Сейчас: последняя операция завершилась ошибкой.');
  });

  it('declines Russian numerals', () => {
    expect([1, 2, 5, 11, 21, 22, 25, 112].map((n) => russianPlural(n, 'ошибка', 'ошибки', 'ошибок'))).toEqual([
      'ошибка',
      'ошибки',
      'ошибок',
      'ошибок',
      'ошибка',
      'ошибки',
      'ошибок',
      'ошибок',
    ]);
  });
});
