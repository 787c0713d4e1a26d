import type { RawRequest } from './operation';
import type { SourceParameter } from './processing.schema';

/** `client[u_name]`, `client.u_name` and `items[0]` all name the same kind of nested place. */
export function splitKey(key: string): string[] {
  return key
    .replace(/\[([^[\]]*)\]/g, '.$1')
    .split('.')
    .filter((part) => part.length > 0);
}

function lookup(root: unknown, path: string[]): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * Looks each configured parameter up by its keys, in the query string first and then the body.
 * A parameter that is nowhere is recorded as null, so history shows it was expected. Shared: the
 * webhook extracts with it, and the editor previews what an unsaved source would extract.
 */
export function extractParams(request: Pick<RawRequest, 'query' | 'body'>, parameters: readonly SourceParameter[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const parameter of parameters) {
    if (!parameter.name) continue;
    let value: unknown = undefined;
    for (const key of parameter.keys?.length ? parameter.keys : [parameter.name]) {
      const path = splitKey(key);
      value = lookup(request.query, path);
      if (value === undefined) value = lookup(request.body, path);
      if (value !== undefined) break;
    }
    params[parameter.name] = value === undefined ? null : value;
  }
  return params;
}
