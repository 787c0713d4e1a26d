import type { ParserField } from '@provod/contracts';
import { describeJsonError, maskedPreview, parseLooseBoolean, parseLooseNumber, StepFailure } from '@provod/engine';

type Cast = ParserField['cast'];
type CastField = Pick<ParserField, 'name' | 'path' | 'cast'>;

/**
 * Converts a found value to the type the field asks for. U-ON sends prices as "150000" and flags as
 * "1"; a CRM wants a number and a boolean. Missing stays null, and empty text counts as missing for
 * number, boolean and json, so the field's default can apply. Values JSONPath collected from several
 * places are converted one by one. Anything that cannot be converted fails the step, naming the field.
 */
export function castFieldValue(field: CastField, value: unknown, multiple = false, secrets: readonly string[] = []): unknown {
  const cast = field.cast;
  if (cast === 'none') return value;
  const failed = (item: unknown, index: number | undefined, problem: string) => castFailure(field, item, index, problem, secrets);
  if (multiple && Array.isArray(value)) return value.map((item, index) => castOne(field, cast, item, failed, index));
  return castOne(field, cast, value, failed);
}

type CastFailure = (value: unknown, index: number | undefined, problem: string) => StepFailure;

function castOne(field: CastField, cast: Exclude<Cast, 'none'>, value: unknown, failed: CastFailure, index?: number): unknown {
  if (value === null || value === undefined) return null;
  const blank = typeof value === 'string' && value.trim() === '';
  switch (cast) {
    case 'string':
      return asText(value, failed, index);
    case 'number': {
      if (blank) return null;
      const n = parseLooseNumber(value);
      if (n === null) throw failed(value, index, 'is not a number');
      return n;
    }
    case 'boolean': {
      if (blank) return null;
      const b = typeof value === 'object' ? null : parseLooseBoolean(value);
      if (b === null) throw failed(value, index, 'is neither yes nor no (true/false, 1/0, да/нет)');
      return b;
    }
    case 'json': {
      if (typeof value !== 'string') return value;
      if (blank) return null;
      try {
        return JSON.parse(value) as unknown;
      } catch (error) {
        const fallback = error instanceof Error ? error.message : String(error);
        throw failed(value, index, `is not valid JSON (${describeJsonError(value, fallback)})`);
      }
    }
  }
}

function asText(value: unknown, failed: CastFailure, index: number | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    throw failed(value, index, 'is nested too deeply to turn into text');
  }
}

function castFailure(
  field: CastField,
  value: unknown,
  index: number | undefined,
  problem: string,
  secrets: readonly string[],
): StepFailure {
  const item = index === undefined ? '' : ` (item ${index + 1})`;
  return new StepFailure('cast_failed', `Field ${field.name}: the value ${describe(value, secrets)}${item} ${problem}`, {
    field: field.name,
    path: field.path,
    cast: field.cast,
    ...(index === undefined ? {} : { item: index + 1 }),
  });
}

function describe(value: unknown, secrets: readonly string[]): string {
  // Masked before it is cut, so the cut cannot leave the start of a key.
  if (typeof value === 'string') return JSON.stringify(maskedPreview(value, secrets, 60));
  if (Array.isArray(value)) return `[a list of ${value.length}]`;
  if (value !== null && typeof value === 'object') return '{an object}';
  return String(value);
}
