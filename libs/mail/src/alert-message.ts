import { describeStepError, type Lang } from '@provod/contracts';
import { maskSecrets, maskText } from '@provod/engine';
import type { MailMessage } from './mailer';

/** An operation's error as recorded: a code from the error catalogue, the technical message, its details. */
export interface RecordedFailure {
  step?: string;
  code?: string;
  message?: string;
  details?: unknown;
}

/** One failed operation as an alert shows it. */
export interface FailureDetails {
  operationId: string;
  receivedAt: Date | null;
  step: string | null;
  /** The recorded error: described in the reader's language from the error catalogue. */
  error: RecordedFailure;
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

export interface AlertOptions {
  publicUrl: string;
  secrets: readonly string[];
  /** The workspace's language; Russian unless it chose English. */
  lang?: Lang;
  /** The workspace's time zone (IANA), for every time the message shows. */
  timeZone?: string;
}

export const DEFAULT_ALERT_TIME_ZONE = 'Europe/Moscow';

/** Bounds on what one e-mail quotes: a webhook may carry hundreds of parameters or huge values. */
const MAX_PARAMS = 30;
const MAX_VALUE_CHARS = 300;
const MAX_NAME_CHARS = 150;

interface MessageParts {
  subject: string;
  intro: string[];
  fields: Array<[label: string, value: string]>;
  params?: Array<[name: string, value: string]>;
  paramsLabel: string;
  link?: { label: string; href: string };
  outro: string[];
}

interface Words {
  lang: Lang;
  time: (date: Date) => string;
}

/**
 * Renders an alert as subject, plain text and HTML, in the workspace's language and time zone. The
 * error is told in the catalogue's words (what happened, what to do), the technical message after it.
 * Everything that comes from users or remote systems goes through the secret masker first, and the
 * finished text once more, so a stored secret cannot reach a mailbox whatever field it hides in.
 */
export function renderAlert(content: AlertContent, options: AlertOptions): MailMessage {
  const safe = maskSecrets(content, options.secrets);
  const words: Words = { lang: options.lang ?? 'ru', time: timeIn(options.timeZone ?? DEFAULT_ALERT_TIME_ZONE, options.lang ?? 'ru') };
  const parts = compose(safe, withoutTrailingSlashes(options.publicUrl), words);
  const mask = (text: string) => maskText(text, options.secrets);
  return { subject: mask(parts.subject), text: mask(toText(parts)), html: mask(toHtml(parts)) };
}

function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end -= 1;
  return url.slice(0, end);
}

function compose(content: AlertContent, publicUrl: string, words: Words): MessageParts {
  const ru = words.lang === 'ru';
  const paramsLabel = ru ? 'Параметры' : 'Parameters';
  const link = (operationId: string) => ({ label: ru ? 'Открыть операцию' : 'Open the operation', href: `${publicUrl}/operations/${operationId}` });
  switch (content.kind) {
    case 'failure': {
      const name = oneLine(content.processingName);
      const window = duration(content.windowMs, words.lang);
      return {
        subject: ru ? `[Provod] Ошибка: ${name}` : `[Provod] Failure: ${name}`,
        intro: [ru ? `Обработка «${name}» завершилась ошибкой.` : `The processing "${name}" failed.`],
        fields: failureFields(content.failure, words),
        params: paramRows(content.failure.params),
        paramsLabel,
        link: link(content.failure.operationId),
        outro: [
          ru
            ? `Другие ошибки этой обработки в ближайшие ${window} придут одним письмом-сводкой.`
            : `Further failures of this processing within ${window} will come as one digest.`,
        ],
      };
    }
    case 'digest': {
      const name = oneLine(content.processingName);
      const window = duration(content.windowEnd.getTime() - content.windowStartedAt.getTime(), words.lang);
      const span = `${words.time(content.windowStartedAt)} – ${words.time(content.windowEnd)}`;
      const n = content.failureCount;
      const now = content.stillFailing
        ? ru ? 'Сейчас: последняя операция завершилась ошибкой.' : 'Now: the latest operation failed.'
        : ru ? 'Сейчас: обработка снова работает.' : 'Now: the processing works again.';
      return {
        subject: ru ? `[Provod] Ошибки: ${name} — ${n} за ${window}` : `[Provod] Failures: ${name} — ${n} in ${window}`,
        intro: [
          ru
            ? `Обработка «${name}»: ${n} ${russianPlural(n, 'ошибка', 'ошибки', 'ошибок')} за ${window} (${span}), включая первую, о которой пришло отдельное письмо.`
            : `The processing "${name}" failed ${n} times in ${window} (${span}), the first of them reported at once.`,
          now,
        ],
        fields: content.latest ? [[ru ? 'Последняя ошибка' : 'Latest failure', ''], ...failureFields(content.latest, words)] : [],
        ...(content.latest ? { params: paramRows(content.latest.params), link: link(content.latest.operationId) } : {}),
        paramsLabel,
        outro: [],
      };
    }
    case 'recovered': {
      const name = oneLine(content.processingName);
      const n = content.streakFailures;
      const since = content.streakStartedAt ? (ru ? ` (с ${words.time(content.streakStartedAt)})` : ` (since ${words.time(content.streakStartedAt)})`) : '';
      return {
        subject: ru ? `[Provod] Снова работает: ${name}` : `[Provod] Works again: ${name}`,
        intro: [
          ru
            ? `Обработка «${name}» снова работает: операция прошла успешно после ${n} ${russianPlural(n, 'ошибки', 'ошибок', 'ошибок')}${since}.`
            : `The processing "${name}" works again: an operation succeeded after ${n} failure${n === 1 ? '' : 's'}${since}.`,
        ],
        fields: [],
        paramsLabel,
        link: link(content.operationId),
        outro: [],
      };
    }
    case 'test':
      return {
        subject: ru ? '[Provod] Проверка уведомлений' : '[Provod] Test alert',
        intro: [
          ru
            ? 'Это проверочное письмо Provod: уведомления об ошибках доходят до этого адреса.'
            : 'This is a test message from Provod: failure alerts reach this address.',
        ],
        fields: [],
        paramsLabel,
        outro: [],
      };
  }
}

function failureFields(failure: FailureDetails, words: Words): Array<[string, string]> {
  const ru = words.lang === 'ru';
  const fields: Array<[string, string]> = [];
  const step = failure.step ?? failure.error.step;
  if (step) fields.push([ru ? 'Шаг' : 'Step', oneLine(step)]);
  const described = describeStepError(
    { code: failure.error.code ?? '', message: failure.error.message ?? '', ...(failure.error.details !== undefined ? { details: failure.error.details } : {}) },
    words.lang,
    step ? { step } : {},
  );
  fields.push([ru ? 'Что случилось' : 'What happened', described.title]);
  fields.push([ru ? 'Что сделать' : 'What to do', described.hint]);
  if (failure.error.message) fields.push([ru ? 'Техническое сообщение' : 'Technical message', clip(failure.error.message)]);
  if (failure.receivedAt) fields.push([ru ? 'Время' : 'Time', words.time(failure.receivedAt)]);
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

/** "28.11.2026 12:44:10 (Europe/Moscow)": the workspace's wall clock, with the zone named. */
function timeIn(timeZone: string, lang: Lang): (date: Date) => string {
  let format: Intl.DateTimeFormat;
  let zone = timeZone;
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };
  try {
    format = new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { ...options, timeZone });
  } catch {
    // An unknown zone name must not stop the alert: Moscow time, and the message says so.
    zone = DEFAULT_ALERT_TIME_ZONE;
    format = new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { ...options, timeZone: zone });
  }
  return (date) => {
    const part = (type: Intl.DateTimeFormatPartTypes) => format.formatToParts(date).find((p) => p.type === type)?.value ?? '';
    return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}:${part('second')} (${zone})`;
  };
}

function duration(ms: number, lang: Lang): string {
  if (ms >= 60_000) {
    const minutes = Math.round(ms / 60_000);
    return lang === 'ru' ? `${minutes} мин` : `${minutes} min`;
  }
  const seconds = Math.max(1, Math.round(ms / 1000));
  return lang === 'ru' ? `${seconds} с` : `${seconds} s`;
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
  for (const line of parts.intro) lines.push(line, '');
  for (const [label, value] of parts.fields) lines.push(value ? `${label}: ${value}` : `${label}:`);
  if (parts.params?.length) {
    lines.push(`${parts.paramsLabel}:`);
    for (const [name, value] of parts.params) lines.push(`  ${name}: ${value}`);
  }
  if (parts.link) lines.push('', `${parts.link.label}:`, parts.link.href);
  if (parts.outro.length) lines.push('');
  for (const line of parts.outro) lines.push(line);
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

function toHtml(parts: MessageParts): string {
  const rows = parts.fields.map(([label, value]) =>
    value ? `<tr><th align="left" valign="top">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>` : `<tr><th align="left" colspan="2">${escapeHtml(label)}</th></tr>`,
  );
  if (parts.params?.length) {
    const params = parts.params.map(([name, value]) => `<tr><td>${escapeHtml(name)}</td><td>${escapeHtml(value)}</td></tr>`).join('');
    rows.push(`<tr><th align="left" valign="top">${escapeHtml(parts.paramsLabel)}</th><td><table cellpadding="2">${params}</table></td></tr>`);
  }
  const paragraph = (line: string) => `<p>${escapeHtml(line)}</p>`;
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
