/**
 * Hides secrets in whatever the history stores: step inputs, outputs and error details. Called on
 * every step, so the secret list is compiled once (see SecretMasker) and reused. Every pass over the
 * text is linear: a webhook of megabytes is masked in milliseconds, never in minutes.
 */
import { SecretMasker } from './masking/secret.masker';
import { maskUrlCredentials } from './masking/url-credentials';
import { LruCache } from './template/lru.cache';

export { MASK } from './masking/mask.constant';
export { FRAGMENT_LENGTH, MIN_SECRET_LENGTH } from './masking/secret-forms';

type Masker = (text: string) => string;

const maskersByList = new WeakMap<readonly string[], Masker>();
// Callers that build a fresh array per step still get a compiled masker back.
const maskersByContent = new LruCache<string, Masker>(100);

export function maskText(text: string, secrets: readonly string[]): string {
  return maskerFor(secrets)(text);
}

/**
 * Deep-copies `value` with every occurrence of a secret (in strings and object keys) replaced by MASK,
 * and the passwords and secret-looking query parameters of http(s) URLs as well. Buffers and other
 * non-plain objects are kept as they are. Iterative: a remote system's deeply nested answer must not
 * exhaust the stack.
 */
export function maskSecrets<T>(value: T, secrets: readonly string[]): T {
  const mask = maskerFor(secrets);
  const copy = (item: unknown, pending: Array<[source: object, target: object]>): unknown => {
    if (typeof item === 'string') return mask(item);
    if (Array.isArray(item)) {
      const target: unknown[] = [];
      pending.push([item, target]);
      return target;
    }
    if (isPlainObject(item)) {
      const target: Record<string, unknown> = {};
      pending.push([item, target]);
      return target;
    }
    return item;
  };

  const pending: Array<[object, object]> = [];
  const root = copy(value, pending);
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [source, target] = next;
    if (Array.isArray(source)) {
      const list = target as unknown[];
      for (const item of source) list.push(copy(item, pending));
      continue;
    }
    const record = target as Record<string, unknown>;
    for (const key of Object.keys(source)) {
      const maskedKey = mask(key);
      const value = copy((source as Record<string, unknown>)[key], pending);
      // Assigning a "__proto__" key would replace the copy's prototype; only that key pays for
      // defineProperty, which costs several times an assignment on every other one.
      if (maskedKey === '__proto__') Object.defineProperty(record, maskedKey, { value, enumerable: true, writable: true, configurable: true });
      else record[maskedKey] = value;
    }
  }
  return root as T;
}

/**
 * Plain objects of any realm: a step result that comes back from a sandbox thread is rebuilt by
 * structured cloning, and under a vm context (jest) its Object.prototype is not this one. Such an
 * object passed through unmasked when only this realm's prototype counted.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || ArrayBuffer.isView(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return true;
  return Object.getPrototypeOf(prototype) === null && Object.prototype.toString.call(value) === '[object Object]';
}

function maskerFor(secrets: readonly string[]): Masker {
  let masker = maskersByList.get(secrets);
  if (masker) return masker;
  const content = secrets.join('\u0000');
  masker = maskersByContent.get(content);
  if (!masker) {
    masker = buildMasker(secrets);
    maskersByContent.set(content, masker);
  }
  maskersByList.set(secrets, masker);
  return masker;
}

/**
 * Short strings recur from one step to the next (object keys, statuses, header names): their masked
 * form is remembered, per secret list, instead of scanned again. Bounded twice, by length and count.
 */
const MEMO_MAX_CHARS = 64;
const MEMO_ENTRIES = 1_000;

function buildMasker(secrets: readonly string[]): Masker {
  const secretMasker = new SecretMasker(secrets);
  const memo = new Map<string, string>();
  return (text) => {
    if (text.length > MEMO_MAX_CHARS) return maskUrlCredentials(secretMasker.mask(text));
    let masked = memo.get(text);
    if (masked === undefined) {
      masked = maskUrlCredentials(secretMasker.mask(text));
      if (memo.size >= MEMO_ENTRIES) memo.clear();
      memo.set(text, masked);
    }
    return masked;
  };
}

/** Masks first, then cuts: a preview cut before masking could end in the start of a key. */
export function maskedPreview(text: string, secrets: readonly string[], maxChars: number): string {
  const masked = maskText(text, secrets);
  return masked.length > maxChars ? `${masked.slice(0, maxChars)}…` : masked;
}
