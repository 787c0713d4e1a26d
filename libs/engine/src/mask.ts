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
    for (const [key, item] of Object.entries(source)) {
      // defineProperty, because assigning a "__proto__" key would replace the copy's prototype.
      Object.defineProperty(target, mask(key), {
        value: copy(item, pending),
        enumerable: true,
        writable: true,
        configurable: true,
      });
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

function buildMasker(secrets: readonly string[]): Masker {
  const secretMasker = new SecretMasker(secrets);
  return (text) => maskUrlCredentials(secretMasker.mask(text));
}

/** Masks first, then cuts: a preview cut before masking could end in the start of a key. */
export function maskedPreview(text: string, secrets: readonly string[], maxChars: number): string {
  const masked = maskText(text, secrets);
  return masked.length > maxChars ? `${masked.slice(0, maxChars)}…` : masked;
}
