import { hostOfUrl, serviceName, type StepResult } from '@provod/contracts';
import type { TFunction } from 'i18next';
import { formatDuration } from '../lib/format';

/** How many field names a summary lists before "and N more". */
const LISTED_NAMES = 8;

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

// Kept out of the i18n dictionaries: they are data about other systems' field names, not interface text.
const FIELD_NAMES: Record<'ru' | 'en', Record<string, string>> = {
  ru: { name: 'имя', phone: 'телефон', email: 'email', comment: 'комментарий', text: 'текст', title: 'название', chat_id: 'чат', NAME: 'имя', PHONE: 'телефон', EMAIL: 'email', TITLE: 'название', COMMENTS: 'комментарий' },
  en: { name: 'name', phone: 'phone', email: 'email', comment: 'comment', text: 'text', title: 'title', chat_id: 'chat', NAME: 'name', PHONE: 'phone', EMAIL: 'email', TITLE: 'title', COMMENTS: 'comment' },
};

/** A field name as a person says it: «телефон» for phone; unknown names stay as written. */
function fieldLabel(name: string, lang: string): string {
  const names = FIELD_NAMES[lang.startsWith('ru') ? 'ru' : 'en'];
  return Object.hasOwn(names, name) ? (names[name] as string) : name;
}

function listNames(names: string[], t: TFunction, lang: string): string {
  const shown = names.slice(0, LISTED_NAMES).map((name) => fieldLabel(name, lang));
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} ${t('summary.andMore', { count: rest })}` : shown.join(', ');
}

/** The part of a body that carries the data: Envybox nests it in request.values, others send it flat. */
function payloadOf(body: unknown): Record<string, unknown> | undefined {
  const top = asRecord(body);
  if (!top) return undefined;
  const request = asRecord(top['request']);
  for (const candidate of [asRecord(request?.['values']), asRecord(top['fields']), asRecord(top['values']), asRecord(top['data']), top]) {
    if (candidate && Object.keys(candidate).length) return candidate;
  }
  return undefined;
}

/** The id an answer gives back: `{id}`, `{result: {id}}` (Bitrix24), `{result: {message_id}}` (Telegram). */
function createdIdOf(body: unknown): string | undefined {
  const top = asRecord(body);
  if (!top) return undefined;
  const result = top['result'];
  const nested = asRecord(result) ?? asRecord(top['data']) ?? asRecord(top['lead']);
  for (const value of [top['id'], nested?.['id'], nested?.['message_id'], typeof result === 'number' ? result : undefined]) {
    if (typeof value === 'number' || (typeof value === 'string' && value !== '')) return String(value);
  }
  return undefined;
}

/** "U-ON заявка 61" for a U-ON address, the service's name otherwise. */
function targetOf(url: string | undefined, t: TFunction): { service: string; target: string } {
  const host = hostOfUrl(url);
  if (!host) return { service: t('summary.server'), target: t('summary.server') };
  const service = serviceName(host);
  const record = service === 'U-ON' ? /\/(request|lead)\/([^/?#]{1,40})\.json(?:[?#]|$)/.exec(url ?? '') : null;
  if (record?.[1] && record[2]) return { service, target: `${service} ${t(`summary.uon.${record[1] as 'request'}`)} ${record[2]}` };
  return { service, target: service };
}

/**
 * A step in a sentence or three a non-developer can read, above its raw JSON:
 * «GET U-ON заявка 61 → 200, 3 мс», «Отправлено в Envybox: имя, телефон, email», «Envybox ответил: лид 1002».
 */
export function summarizeStep(step: StepResult, t: TFunction, lang: string): string[] {
  const duration = formatDuration(step.durationMs, t, lang);
  if (step.type === 'http_request') {
    const input = asRecord(step.input);
    const output = asRecord(step.output);
    const method = typeof input?.['method'] === 'string' ? input['method'] : '';
    const url = typeof input?.['url'] === 'string' ? input['url'] : undefined;
    const { service, target } = targetOf(url, t);
    const status = output?.['status'] ?? asRecord(step.error?.details)?.['status'];
    const lines: string[] = [];
    if (step.status === 'skipped') lines.push(t('summary.httpSkipped', { method, target }));
    else if (typeof status === 'number') lines.push(t('summary.http', { method, target, status, duration }));
    else if (step.status === 'failed') lines.push(t('summary.httpNoAnswer', { method, target, duration }));
    const sent = method !== 'GET' ? payloadOf(input?.['body'] ?? asRecord(output?.['request'])?.['body']) : undefined;
    if (sent) lines.push(t(step.status === 'skipped' ? 'summary.wouldSend' : 'summary.sent', { service, fields: listNames(Object.keys(sent), t, lang) }));
    const created = step.status === 'succeeded' && method !== 'GET' ? createdIdOf(output?.['body']) : undefined;
    if (created) {
      const noun = t(`summary.created.${service === 'Telegram' ? 'message' : /Envybox|Битрикс24|amoCRM/.test(service) ? 'lead' : 'other'}`);
      lines.push(t('summary.answered', { service, what: `${noun} ${created}`.trim() }));
    }
    return lines;
  }
  if (step.type === 'json_parser' && step.status === 'succeeded') {
    const output = asRecord(step.output) ?? {};
    const names = Object.keys(output);
    const empty = names.filter((name) => output[name] === null || output[name] === '');
    const lines = [t('summary.parsed', { count: names.length, duration })];
    if (empty.length) lines.push(t('summary.parsedEmpty', { fields: listNames(empty, t, lang) }));
    return lines;
  }
  if (step.type === 'json_composer' && step.status === 'succeeded') {
    const payload = payloadOf(step.output);
    return payload ? [t('summary.composed', { fields: listNames(Object.keys(payload), t, lang) })] : [];
  }
  return [];
}
