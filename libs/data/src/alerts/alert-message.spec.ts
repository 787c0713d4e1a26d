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
    error: `The server api.example answered 404 Not Found: no key ${CANARY}`,
    params: { r_id: '61', note: `see ${CANARY}`, nested: { key: CANARY } },
  },
};

describe('renderAlert', () => {
  it('names the processing, the step, the error, the time, the parameters and links to the operation', () => {
    const message = renderAlert(failure, { publicUrl: 'https://provod.example/', secrets: [CANARY] });
    expect(message.subject).toBe('[Provod] Ошибка: U-ON → Envybox leads / Failure');
    expect(message.text).toContain('Шаг / Step: Получить заявку');
    expect(message.text).toContain('Ошибка / Error: The server api.example answered 404 Not Found');
    expect(message.text).toContain('Время / Time: 2026-11-28 09:44:10 UTC');
    expect(message.text).toContain('  r_id: 61');
    expect(message.text).toContain('https://provod.example/operations/11111111-2222-4333-8444-555555555555');
    expect(message.text).toContain('15 min');
    expect(message.html).toContain('<a href="https://provod.example/operations/11111111-2222-4333-8444-555555555555">');
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
    expect(message.subject).toBe('[Provod] Ошибки: Leads — 50 за 15 мин / 50 failures in 15 min');
    expect(message.text).toContain('50 ошибок за 15 мин');
    expect(message.text).toContain('failed 50 times in 15 min');
    expect(message.text).toContain('Now: the latest operation failed.');
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
