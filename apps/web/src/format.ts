import type { Dict, Lang } from './i18n';

export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(lang);
}

export function formatDuration(ms: number, t: Dict, lang: Lang): string {
  if (ms < 1000) return t.units.ms(String(Math.round(ms)));
  if (ms < 60_000) return t.units.s((ms / 1000).toLocaleString(lang, { maximumFractionDigits: 1 }));
  const totalSeconds = Math.round(ms / 1000);
  return t.units.min(Math.floor(totalSeconds / 60), totalSeconds % 60);
}

/** Null while the operation has not finished: a running duration would be stale by the next refresh. */
export function operationDurationMs(startedAt: string | null, finishedAt: string | null): number | null {
  if (!startedAt || !finishedAt) return null;
  const ms = Date.parse(finishedAt) - Date.parse(startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

export function formatParams(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

export function formatError(error: { step?: string; message: string } | null): string {
  if (!error) return '';
  return error.step ? `${error.step}: ${error.message}` : error.message;
}

export function prettyJson(value: unknown): string {
  if (value === undefined) return '—';
  return JSON.stringify(value, null, 2) ?? String(value);
}
