/**
 * Hides secrets in whatever the history stores: step inputs, outputs and error details. Called on
 * every step, so the secret list is compiled once into a single expression and reused.
 */
import { LruCache } from './template/lru.cache';

export const MASK = '••••••';

/** Shorter secrets would match inside ordinary words and numbers and hide half the history. */
const MIN_SECRET_LENGTH = 4;

const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>`]+/gi;
const USERINFO_PASSWORD = /^(https?:\/\/[^/?#@\s:]*:)([^/?#@\s]+)@/i;
const QUERY_PARAM = /([?&;])([^=&#;]+)=([^&#;]*)/g;
const SECRET_PARAM =
  /^(?:[a-z0-9]*[_-])?(?:api_?key|apikey|key|token|access_token|secret|password|passwd|pass|auth|signature|sig)$/i;

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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
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
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    // A secret also travels percent-encoded in URLs, form-encoded in bodies and escaped inside JSON text.
    for (const variant of [secret, safeEncode(secret), formEncode(secret), JSON.stringify(secret).slice(1, -1)]) {
      if (variant.length >= MIN_SECRET_LENGTH) variants.add(variant);
    }
  }
  // Longest first, so a secret that contains another one is hidden whole.
  const sorted = [...variants].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = sorted.length ? new RegExp(sorted.join('|'), 'g') : null;
  return (text) => {
    const hidden = pattern ? text.replace(pattern, MASK) : text;
    if (hidden.includes('://')) return hidden.replace(URL_IN_TEXT, maskUrl);
    // A request target ("/hooks/x?token=…") or a bare query string, as request logs hold them.
    return hidden.startsWith('?') || hidden.startsWith('/') ? maskQuery(hidden) : hidden;
  };
}

function maskUrl(url: string): string {
  return maskQuery(url.replace(USERINFO_PASSWORD, (_match, head: string) => `${head}${MASK}@`));
}

function maskQuery(text: string): string {
  return text.replace(QUERY_PARAM, (match, separator: string, name: string, value: string) => {
    if (value === '' || value === MASK || !SECRET_PARAM.test(safeDecode(name))) return match;
    return `${separator}${name}=${MASK}`;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function safeEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

function formEncode(text: string): string {
  return new URLSearchParams({ v: text }).toString().slice(2);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
