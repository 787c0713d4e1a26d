/** The languages Provod speaks to people in. */
export type Lang = 'ru' | 'en';

/**
 * What a message about a failed step may name. Derived once from the error, the step's definition and
 * what it sent, so each catalogue entry only chooses words.
 */
export interface ErrorFacts {
  /** The step's name as the user wrote it. */
  step?: string;
  /** The remote system by a name people know (U-ON, Envybox, Telegram, Битрикс24), else its host. */
  service?: string;
  host?: string;
  /** The HTTP status the remote system answered. */
  status?: number;
  /** The stored secret the step authenticates with, e.g. ENVYBOX_KEY. */
  secret?: string;
  /** What a U-ON address asked for: a request (заявка) or a lead (обращение), and its number. */
  record?: { kind: 'request' | 'lead'; id: string };
  /** The error's own details (status, field, path, parameter, cause…). */
  details: Record<string, unknown>;
  /** The original technical message, for entries that quote part of it. */
  message: string;
}

type Text = (facts: ErrorFacts) => string;

/** One error code in both languages: what happened, and what the user should do. */
export interface ErrorEntry {
  ru: Text;
  en: Text;
  hintRu: Text;
  hintEn: Text;
}

export type ErrorCatalogue<Code extends string> = Record<Code, ErrorEntry>;

/** A detail as text, or undefined when it is missing or not a plain value. */
export function detailText(facts: ErrorFacts, name: string): string | undefined {
  const value = facts.details[name];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** "Envybox" in a sentence, or a neutral word when the host is unknown. */
export function serviceOr(facts: ErrorFacts, lang: Lang): string {
  return facts.service ?? (lang === 'ru' ? 'сервер' : 'the server');
}
