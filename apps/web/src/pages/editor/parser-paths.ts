import { displayPath, flatten, parserPath, type PathSegment } from '../../lib/references';
import type { PickerEntry } from './picker-data';

/** A field name from the last named segment of a path: `["request"][0]["client_name"]` → `client_name`. */
export function nameFromSegments(segments: readonly PathSegment[]): string {
  const last = [...segments].reverse().find((s): s is string => typeof s === 'string') ?? 'field';
  const clean = last.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1');
  return clean || 'field';
}

/** Places inside the parser's input, as parser paths (Webjack-style `["request"][0]["id"]`). */
export function inputEntries(input: unknown, group: string): PickerEntry[] {
  return flatten(input).map((leaf) => ({
    id: `path:${displayPath(leaf.segments)}`,
    group,
    label: displayPath(leaf.segments),
    insert: parserPath(leaf.segments),
    value: leaf.value,
    hasValue: true,
    container: leaf.container,
  }));
}
