import { checkJson, type JsonProblem } from '@provod/contracts';
import { parseReference } from '../../lib/references';

/**
 * - `json`: must be a JSON document (the composer: string leaves hold the templates);
 * - `jsonOrReference`: JSON, or exactly one reference such as `{{lead}}` (an HTTP body);
 * - `none`: free text.
 */
export type JsonEditorMode = 'json' | 'jsonOrReference' | 'none';

export function problemOf(text: string, mode: JsonEditorMode): JsonProblem | null {
  if (mode === 'none') return null;
  if (mode === 'jsonOrReference' && parseReference(text)) return null;
  return checkJson(text);
}
