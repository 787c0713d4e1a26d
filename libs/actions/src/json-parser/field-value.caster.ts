import type { ParserField } from '@provod/contracts';
import { describeJsonError, parseLooseBoolean, parseLooseNumber, StepFailure } from '@provod/engine';

type Cast = ParserField['cast'];
type CastField = Pick<ParserField, 'name' | 'path'> & { cast?: Cast };

/**
 * Converts a found value to the type the field asks for. U-ON sends prices as "150000" and flags as
 * "1"; a CRM wants a number and a boolean. Missing stays null, and empty text counts as missing for
 * number, boolean and json, so the field's default can apply. Values JSONPath collected from several
 * places are converted one by one. Anything that cannot be converted fails the step, naming the field.
 */
export function castFieldValue(field: CastField, value: unknown, multiple = false): unknown {
  const cast = field.cast ?? 'none';
  if (cast === 'none') return value;
  if (multiple && Array.isArray(value)) return value.map((item, index) => castOne(field, cast, item, index));
  return castOne(field, cast, value);
}

function castOne(field: CastField, cast: Exclude<Cast, 'none'>, value: unknown, index?: number): unknown {
  if (value === null || value === undefined) return null;
  const blank = typeof value === 'string' && value.trim() === '';
  switch (cast) {
    case 'string':
      return asText(field, value, index);
    case 'number': {
      if (blank) return null;
      const n = parseLooseNumber(value);
      if (n === null) throw castFailure(field, value, index, 'is not a number');
      return n;
    }
    case 'boolean': {
      if (blank) return null;
      const b = typeof value === 'object' ? null : parseLooseBoolean(value);
      if (b === null) throw castFailure(field, value, index, 'is neither yes nor no (true/false, 1/0, да/нет)');
      return b;
    }
    case 'json': {
      if (typeof value !== 'string') return value;
      if (blank) return null;
      try {
        return JSON.parse(value) as unknown;
      } catch (error) {
        const fallback = error instanceof Error ? error.message : String(error);
        throw castFailure(field, value, index, `is not valid JSON (${describeJsonError(value, fallback)})`);
      }
    }
  }
}

function asText(field: CastField, value: unknown, index: number | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    throw castFailure(field, value, index, 'is nested too deeply to turn into text');
  }
}

function castFailure(field: CastField, value: unknown, index: number | undefined, problem: string): StepFailure {
  const item = index === undefined ? '' : ` (item ${index + 1})`;
  return new StepFailure('cast_failed', `Field ${field.name}: the value ${describe(value)}${item} ${problem}`, {
    field: field.name,
    path: field.path,
    cast: field.cast,
    ...(index === undefined ? {} : { item: index + 1 }),
  });
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (Array.isArray(value)) return `[a list of ${value.length}]`;
  if (value !== null && typeof value === 'object') return '{an object}';
  return String(value);
}
