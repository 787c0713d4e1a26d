import type { StepError } from '../operation';
import { ACTION_ERRORS } from './action-errors';
import { ENGINE_ERRORS } from './engine.errors';
import type { ErrorEntry, ErrorFacts, Lang } from './error-text';
import { hostOfUrl, serviceName } from './service-name';

/** What is known about the step that failed, beyond its error. All optional: alerts know less than the web app. */
export interface StepErrorContext {
  /** The step's name. */
  step?: string;
  /** The action type, which picks the catalogue (codes repeat across types). */
  type?: string;
  /** The step's settings as defined (URL and auth templates name the secrets). */
  settings?: unknown;
  /** What the step sent, as recorded (for HTTP: the rendered method and url). */
  input?: unknown;
}

export interface DescribedStepError {
  code: string;
  /** What happened, in plain words. */
  title: string;
  /** What the user should do. */
  hint: string;
  /** Title and hint as one line, for e-mails and short lists: «Envybox отклонил ключ — проверьте секрет ENVYBOX_KEY». */
  sentence: string;
  /** False when the code is not in any catalogue, and the texts are generic. */
  known: boolean;
}

/** Codes recorded before `invalid_json` was split; old history keeps them. */
const LEGACY_CODES: Record<string, Record<string, string>> = {
  invalid_json: { http_request: 'invalid_response_json', json_parser: 'invalid_input_json', '': 'invalid_response_json' },
};

const SECRET_REFERENCE = /\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_]{0,99})\s*\}\}/;

const UNKNOWN: ErrorEntry = {
  ru: (f) => (f.step ? `Шаг «${f.step}» завершился ошибкой` : 'Шаг завершился ошибкой'),
  en: (f) => (f.step ? `The step "${f.step}" failed` : 'The step failed'),
  hintRu: () => 'Откройте подробности: там исходное сообщение и данные шага.',
  hintEn: () => "Open the details for the original message and the step's data.",
};

/**
 * Turns a recorded step error into words a non-developer can act on, in Russian or English. The texts
 * come from the action type's catalogue, then the engine's shared one; an unknown code still gets a
 * sentence, and the technical message stays available to the caller.
 */
export function describeStepError(error: StepError & { step?: string }, lang: Lang, context: StepErrorContext = {}): DescribedStepError {
  const type = context.type ?? '';
  const code = LEGACY_CODES[error.code]?.[type] ?? LEGACY_CODES[error.code]?.[''] ?? error.code;
  const entry = entryFor(code, type);
  const facts = factsOf(error, context);
  const text = entry ?? UNKNOWN;
  const title = lang === 'ru' ? text.ru(facts) : text.en(facts);
  const hint = lang === 'ru' ? text.hintRu(facts) : text.hintEn(facts);
  return { code: error.code, title, hint, sentence: joinSentence(title, hint), known: entry !== undefined };
}

function entryFor(code: string, type: string): ErrorEntry | undefined {
  const own = (ACTION_ERRORS as Record<string, Readonly<Record<string, ErrorEntry>>>)[type];
  if (own && Object.hasOwn(own, code)) return own[code];
  if (Object.hasOwn(ENGINE_ERRORS, code)) return ENGINE_ERRORS[code as keyof typeof ENGINE_ERRORS];
  // Without the type (an old alert, say), any action's entry for this code is better than none.
  for (const catalogue of Object.values(ACTION_ERRORS)) if (Object.hasOwn(catalogue, code)) return catalogue[code];
  return undefined;
}

function factsOf(error: StepError & { step?: string }, context: StepErrorContext): ErrorFacts {
  const details = asRecord(error.details);
  const input = asRecord(context.input);
  const settings = asRecord(context.settings);
  const url = [details['url'], input['url'], settings['url']].find((candidate) => hostOfUrl(candidate) !== undefined);
  const host = typeof details['host'] === 'string' ? details['host'] : hostOfUrl(url);
  const status = typeof details['status'] === 'number' ? details['status'] : undefined;
  const secret = typeof details['secret'] === 'string' ? details['secret'] : secretOf(settings);
  const record = host && serviceName(host) === 'U-ON' && typeof url === 'string' ? uonRecord(url) : undefined;
  const step = context.step ?? error.step;
  return {
    details,
    message: error.message,
    ...(step ? { step } : {}),
    ...(host ? { host, service: serviceName(host) } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(secret ? { secret } : {}),
    ...(record ? { record } : {}),
  };
}

/** The secret a step authenticates with: the auth settings first, then headers, query and URL. */
export function secretOf(settings: Record<string, unknown>): string | undefined {
  const auth = asRecord(settings['auth']);
  const places = [auth['token'], auth['password'], auth['value'], settings['headers'], settings['query'], settings['url']];
  for (const place of places) {
    const text = typeof place === 'string' ? place : Array.isArray(place) ? JSON.stringify(place) : '';
    const match = SECRET_REFERENCE.exec(text.slice(0, 100_000));
    if (match?.[1]) return match[1];
  }
  return undefined;
}

/** U-ON addresses look like /<key>/request/69.json (заявка) or /<key>/lead/69.json (обращение). */
function uonRecord(url: string): ErrorFacts['record'] {
  const path = url.split(/[?#]/)[0] ?? '';
  const match = /\/(request|lead)\/([^/]{1,40})\.json$/.exec(path.slice(-200));
  if (!match?.[1] || !match[2]) return undefined;
  let id = match[2];
  try {
    id = decodeURIComponent(id);
  } catch {
    // A stray "%" stays as it was written.
  }
  return { kind: match[1] as 'request' | 'lead', id };
}

/** «Envybox отклонил ключ» + «Проверьте секрет ENVYBOX_KEY.» → «Envybox отклонил ключ — проверьте секрет ENVYBOX_KEY». */
function joinSentence(title: string, hint: string): string {
  const oneSentence = !/[.!?]\s/.test(hint);
  const startsWithWord = /^[A-ZА-ЯЁ][a-zа-яё]/.test(hint) && !hint.startsWith('Provod');
  const body = startsWithWord ? hint.charAt(0).toLowerCase() + hint.slice(1) : hint;
  return `${title} — ${oneSentence ? body.replace(/\.$/, '') : body}`;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
