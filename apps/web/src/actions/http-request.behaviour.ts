import { hostOfUrl, serviceName } from '@provod/contracts';
import type { TFunction } from 'i18next';
import { formatDuration } from '../lib/format';
import { templateShape } from '../lib/template-shape';
import type { ActionBehaviour } from './action-behaviour';
import { asRecord, listNames, payloadOf } from './summary-words';

/** How a request step records what it sent and got: in this order, not PostgreSQL's (which puts `body` first). */
const REQUEST_ORDER = { method: null, url: null, headers: null, query: null, body: null };
const ANSWER_ORDER = { status: null, headers: null, body: null };

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

export const httpRequestBehaviour: ActionBehaviour<'http_request'> = {
  keyBase: 'request',
  start: () => ({ url: '' }),
  mainValue: (key) => `{{${key}.body}}`,
  knownOutputs: () => ['status', 'body'],
  outputShape: () => ANSWER_ORDER,
  // A JSON body's own template, or, for a body that is just `{{lead}}`, the shape of the step that built it.
  inputShape: (action, outputShapeOf) => {
    const body = action.settings.body;
    if (body.mode !== 'json') return { ...REQUEST_ORDER };
    const whole = /^\s*\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}\s*$/.exec(body.template);
    return { ...REQUEST_ORDER, body: (whole?.[1] ? outputShapeOf(whole[1]) : templateShape(body.template)) ?? null };
  },
  // «GET U-ON заявка 61 → 200, 3 мс», «Отправлено в Envybox: имя, телефон, email», «Envybox ответил: лид 1002».
  resultLines: (step, t, lang) => {
    const duration = formatDuration(step.durationMs, t, lang);
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
  },
};
