import type { ProcessingExport } from '@provod/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The shipped U-ON → Envybox template, pointed at local fake servers instead of the real hosts. */
export function uonToEnvybox(uonUrl: string, envyboxUrl: string): ProcessingExport {
  const raw = readFileSync(join(__dirname, '../../templates/uon-to-envybox.json'), 'utf8')
    .replaceAll('https://api.u-on.ru', uonUrl)
    .replaceAll('https://ACCOUNT.envycrm.com', envyboxUrl);
  return JSON.parse(raw) as ProcessingExport;
}

export async function api<T = unknown>(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
