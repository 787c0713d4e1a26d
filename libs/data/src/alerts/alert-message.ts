import { maskSecrets, maskText } from '@provod/engine';

/** One failed operation as an alert shows it. */
export interface FailureDetails {
  operationId: string;
  receivedAt: Date | null;
  step: string | null;
  /** The error as the history shows it: already written for the person reading it. */
  error: string;
  params: Record<string, unknown>;
}

export type AlertContent =
  | { kind: 'failure'; processingName: string; windowMs: number; failure: FailureDetails }
  | {
      kind: 'digest';
      processingName: string;
      /** Every failure of the window, the one already mailed at once included. */
      failureCount: number;
      windowStartedAt: Date;
      windowEnd: Date;
      stillFailing: boolean;
      latest: FailureDetails | null;
    }
  | {
      kind: 'recovered';
      processingName: string;
      operationId: string;
      streakFailures: number;
      streakStartedAt: Date | null;
    }
  | { kind: 'test' };

export interface AlertMessage {
  subject: string;
  text: string;
  html: string;
}

/** Bounds on what one e-mail quotes: a webhook may carry hundreds of parameters or huge values. */
const MAX_PARAMS = 30;
const MAX_VALUE_CHARS = 300;
const MAX_NAME_CHARS = 150;

/** Russian and English side by side: the people reading alerts may use either interface language. */
interface Bilingual {
  ru: string;
  en: string;
}

interface MessageParts {
  subject: string;
  intro: Bilingual[];
  fields: Array<[label: string, value: string]>;
  params?: Array<[name: string, value: string]>;
  link?: { label: string; href: string };
  outro: Bilingual[];
}

/**
 * Renders an alert as subject, plain text and HTML. Everything that comes from users or remote
 * systems goes through the secret masker first, and the finished text once more, so a stored secret
 * cannot reach a mailbox whatever field it hides in.
 */
export function renderAlert(content: AlertContent, options: { publicUrl: string; secrets: readonly string[] }): AlertMessage {
  const safe = maskSecrets(content, options.secrets);
  const parts = compose(safe, options.publicUrl.replace(/(?<!\/)\/+$/, ''));
  const mask = (text: string) => maskText(text, options.secrets);
  return { subject: mask(parts.subject), text: mask(toText(parts)), html: mask(toHtml(parts)) };
}

function compose(content: AlertContent, publicUrl: string): MessageParts {
  const link = (operationId: string) => ({ label: 'Открыть операцию / Open the operation', href: `${publicUrl}/operations/${operationId}` });
  switch (content.kind) {
    case 'failure': {
      const name = oneLine(content.processingName);
      const window = duration(content.windowMs);
      return {
        subject: `[Provod] Ошибка: ${name} / Failure`,
        intro: [{ ru: `Обработка «${name}» завершилась ошибкой.`, en: `The processing "${name}" failed.` }],
        fields: failureFields(content.failure),
        params: paramRows(content.failure.params),
        link: link(content.failure.operationId),
        outro: [
          {
            ru: `Другие ошибки этой обработки в ближайшие ${window.ru} придут одним письмом-сводкой.`,
            en: `Further failures of this processing within ${window.en} will come as one digest.`,
          },
        ],
      };
    }
    case 'digest': {
      const name = oneLine(content.processingName);
      const window = duration(content.windowEnd.getTime() - content.windowStartedAt.getTime());
      const span = `${time(content.windowStartedAt)} – ${time(content.windowEnd)}`;
      const n = content.failureCount;
      return {
        subject: `[Provod] Ошибки: ${name} — ${n} за ${window.ru} / ${n} failures in ${window.en}`,
        intro: [
          {
            ru: `Обработка «${name}»: ${n} ${russianPlural(n, 'ошибка', 'ошибки', 'ошибок')} за ${window.ru} (${span}), включая первую, о которой пришло отдельное письмо.`,
            en: `The processing "${name}" failed ${n} times in ${window.en} (${span}), the first of them reported at once.`,
          },
          content.stillFailing
            ? { ru: 'Сейчас: последняя операция завершилась ошибкой.', en: 'Now: the latest operation failed.' }
            : { ru: 'Сейчас: обработка снова работает.', en: 'Now: the processing works again.' },
        ],
        fields: content.latest ? [['Последняя ошибка / Latest failure', ''], ...failureFields(content.latest)] : [],
        ...(content.latest ? { params: paramRows(content.latest.params), link: link(content.latest.operationId) } : {}),
        outro: [],
      };
    }
    case 'recovered': {
      const name = oneLine(content.processingName);
      const n = content.streakFailures;
      const since = content.streakStartedAt ? ` (с ${time(content.streakStartedAt)})` : '';
      const sinceEn = content.streakStartedAt ? ` (since ${time(content.streakStartedAt)})` : '';
      return {
        subject: `[Provod] Снова работает: ${name} / Recovered`,
        intro: [
          {
            ru: `Обработка «${name}» снова работает: операция прошла успешно после ${n} ${russianPlural(n, 'ошибки', 'ошибок', 'ошибок')}${since}.`,
            en: `The processing "${name}" works again: an operation succeeded after ${n} failure${n === 1 ? '' : 's'}${sinceEn}.`,
          },
        ],
        fields: [],
        link: link(content.operationId),
        outro: [],
      };
    }
    case 'test':
      return {
        subject: '[Provod] Проверка уведомлений / Test alert',
        intro: [
          {
            ru: 'Это проверочное письмо Provod: уведомления об ошибках доходят до этого адреса.',
            en: 'This is a test message from Provod: failure alerts reach this address.',
          },
        ],
        fields: [],
        outro: [],
      };
  }
}

function failureFields(failure: FailureDetails): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  if (failure.step) fields.push(['Шаг / Step', oneLine(failure.step)]);
  fields.push(['Ошибка / Error', failure.error]);
  if (failure.receivedAt) fields.push(['Время / Time', time(failure.receivedAt)]);
  return fields;
}

function paramRows(params: Record<string, unknown>): Array<[string, string]> {
  const entries = Object.entries(params ?? {});
  const rows = entries.slice(0, MAX_PARAMS).map(([key, value]): [string, string] => [key, clip(valueText(value))]);
  if (entries.length > MAX_PARAMS) rows.push(['…', `+${entries.length - MAX_PARAMS}`]);
  return rows;
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value) ?? String(value);
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_VALUE_CHARS ? `${flat.slice(0, MAX_VALUE_CHARS)}…` : flat;
}

/** A processing name goes into a subject line: no line breaks, bounded length. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_NAME_CHARS ? `${flat.slice(0, MAX_NAME_CHARS)}…` : flat;
}

function time(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function duration(ms: number): Bilingual {
  if (ms >= 60_000) {
    const minutes = Math.round(ms / 60_000);
    return { ru: `${minutes} мин`, en: `${minutes} min` };
  }
  const seconds = Math.max(1, Math.round(ms / 1000));
  return { ru: `${seconds} с`, en: `${seconds} s` };
}

export function russianPlural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

function toText(parts: MessageParts): string {
  const lines: string[] = [];
  for (const line of parts.intro) lines.push(line.ru, line.en, '');
  for (const [label, value] of parts.fields) lines.push(value ? `${label}: ${value}` : `${label}:`);
  if (parts.params?.length) {
    lines.push('Параметры / Parameters:');
    for (const [name, value] of parts.params) lines.push(`  ${name}: ${value}`);
  }
  if (parts.link) lines.push('', `${parts.link.label}:`, parts.link.href);
  if (parts.outro.length) lines.push('');
  for (const line of parts.outro) lines.push(line.ru, line.en);
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

function toHtml(parts: MessageParts): string {
  const rows = parts.fields.map(([label, value]) =>
    value ? `<tr><th align="left" valign="top">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>` : `<tr><th align="left" colspan="2">${escapeHtml(label)}</th></tr>`,
  );
  if (parts.params?.length) {
    const params = parts.params.map(([name, value]) => `<tr><td>${escapeHtml(name)}</td><td>${escapeHtml(value)}</td></tr>`).join('');
    rows.push(`<tr><th align="left" valign="top">Параметры / Parameters</th><td><table cellpadding="2">${params}</table></td></tr>`);
  }
  const paragraph = (line: Bilingual) => `<p>${escapeHtml(line.ru)}<br>${escapeHtml(line.en)}</p>`;
  return [
    '<!doctype html><html><body style="font-family: sans-serif; font-size: 14px">',
    ...parts.intro.map(paragraph),
    rows.length ? `<table cellpadding="4" style="border-collapse: collapse">${rows.join('')}</table>` : '',
    parts.link ? `<p><a href="${escapeHtml(parts.link.href)}">${escapeHtml(parts.link.label)}</a></p>` : '',
    ...parts.outro.map(paragraph),
    '</body></html>',
  ]
    .filter(Boolean)
    .join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
