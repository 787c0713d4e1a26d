import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ru } from './ru';

/** Keys without plural suffixes: Russian has _few/_many, English only _one/_other. */
function keysOf(node: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') for (const k of keysOf(value, path)) out.add(k);
    else out.add(path.replace(/_(zero|one|two|few|many|other)$/, ''));
  }
  return out;
}

describe('translations', () => {
  it('have the same keys in Russian and English', () => {
    const r = keysOf(ru);
    const e = keysOf(en);
    expect([...r].filter((k) => !e.has(k))).toEqual([]);
    expect([...e].filter((k) => !r.has(k))).toEqual([]);
  });

  it('never leave a Handlebars example for i18next to swallow', () => {
    const offenders = [...JSON.stringify(ru).matchAll(/\{\{([^{}]*)\}\}/g), ...JSON.stringify(en).matchAll(/\{\{([^{}]*)\}\}/g)]
      .map((m) => m[1] as string)
      .filter((name) => !/^[a-zA-Z]+$/.test(name));
    expect(offenders).toEqual([]);
  });
});
