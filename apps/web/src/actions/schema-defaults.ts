import type { z } from 'zod';

// A character no one types (Unicode private use), kept by trim() and counted by min(1).
const BLANK = '\uE000';

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)]));
  return value;
}

/**
 * `start` read through the schema, so every setting it leaves out gets the schema's default: the
 * schema is the only place defaults live. Empty texts in `start` are what the user still has to
 * write; they are kept empty, though the schema would refuse them on save.
 */
export function withSchemaDefaults<S extends z.ZodType>(schema: S, start: unknown): z.output<S> {
  const parsed = schema.parse(mapStrings(start, (text) => (text === '' ? BLANK : text)));
  return mapStrings(parsed, (text) => (text === BLANK ? '' : text)) as z.output<S>;
}
