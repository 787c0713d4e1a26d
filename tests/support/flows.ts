import type { ProcessingExport } from '@provod/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Session } from './session';

/** The shipped U-ON → Envybox template, pointed at local fake servers instead of the real hosts. */
export function uonToEnvybox(uonUrl: string, envyboxUrl: string): ProcessingExport {
  const raw = readFileSync(join(__dirname, '../../templates/uon-to-envybox.json'), 'utf8')
    .replaceAll('https://api.u-on.ru', uonUrl)
    .replaceAll('https://ACCOUNT.envycrm.com', envyboxUrl);
  return JSON.parse(raw) as ProcessingExport;
}

/** Calls the API as `session` (or anonymously, given a bare URL). */
export async function api<T = unknown>(target: string | Session, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const base = typeof target === 'string' ? target : target.url;
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (typeof target !== 'string') Object.assign(headers, { cookie: target.cookie, 'x-csrf-token': target.csrf });
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
