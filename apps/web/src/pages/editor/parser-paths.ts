import { displayPath, flatten, parseParserPath, parserPath, type PathSegment } from '../../lib/references';
import type { PickerEntry } from './picker-data';

/** A name that reads the same in `[name]` form: no brackets, quotes or edge spaces, not all digits. */
const PLAIN_NAME = /^[^[\]"'\s](?:[^[\]"']*[^[\]"'\s])?$/;
/** `[request][0][id]`: the unquoted form the picker shows, which the parser reads too. */
const BRACKET_PATH = /^(?:\[[^[\]"']{1,200}\])+$/;

/** A field name from the last named segment of a path: `[request][0][client_name]` → `client_name`. */
export function nameFromSegments(segments: readonly PathSegment[]): string {
  const last = [...segments].reverse().find((s): s is string => typeof s === 'string') ?? 'field';
  const clean = last.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1');
  return clean || 'field';
}

/**
 * A parser path in the one notation the editor shows everywhere, `[request][0][id]` (as in the field
 * picker); names that would be ambiguous without quotes keep the quoted `["…"]` form.
 */
export function readablePath(segments: readonly PathSegment[]): string {
  const plain = segments.every((s) => typeof s === 'number' || (PLAIN_NAME.test(s) && !/^\d+$/.test(s)));
  return plain ? displayPath(segments) : parserPath(segments);
}

/** Reads every form a parser path may be written in: quoted, dotted, `$.`-prefixed and `[request][0][id]`. */
export function parsePath(text: string): PathSegment[] | null {
  const parsed = parseParserPath(text);
  if (parsed) return parsed;
  const trimmed = text.trim();
  if (trimmed.length > 1000 || !BRACKET_PATH.test(trimmed)) return null;
  return trimmed
    .slice(1, -1)
    .split('][')
    .map((part) => (/^\d+$/.test(part.trim()) ? Number(part.trim()) : part.trim()));
}

/** The stored path as the editor shows it; a path it cannot read is shown as written. */
export function shownPath(path: string): string {
  const segments = parsePath(path);
  return segments ? readablePath(segments) : path;
}

/** Places inside the parser's input, as parser paths in the picker's own notation. */
export function inputEntries(input: unknown, group: string): PickerEntry[] {
  return flatten(input).map((leaf) => ({
    id: `path:${displayPath(leaf.segments)}`,
    group,
    label: readablePath(leaf.segments),
    insert: readablePath(leaf.segments),
    value: leaf.value,
    hasValue: true,
    container: leaf.container,
  }));
}
