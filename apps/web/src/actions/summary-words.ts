import type { TFunction } from 'i18next';

/** How many field names a summary lists before "and N more". */
const LISTED_NAMES = 8;

export function asRecord(value: unknown): Record<string, unknown> | undefined {
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

export function listNames(names: string[], t: TFunction, lang: string): string {
  const shown = names.slice(0, LISTED_NAMES).map((name) => fieldLabel(name, lang));
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} ${t('summary.andMore', { count: rest })}` : shown.join(', ');
}

/** The part of a body that carries the data: Envybox nests it in request.values, others send it flat. */
export function payloadOf(body: unknown): Record<string, unknown> | undefined {
  const top = asRecord(body);
  if (!top) return undefined;
  const request = asRecord(top['request']);
  for (const candidate of [asRecord(request?.['values']), asRecord(top['fields']), asRecord(top['values']), asRecord(top['data']), top]) {
    if (candidate && Object.keys(candidate).length) return candidate;
  }
  return undefined;
}
