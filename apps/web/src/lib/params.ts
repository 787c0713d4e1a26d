import type { RawRequest, SourceParameter } from '@provod/contracts';

/** `client[u_name]`, `client.u_name` and `items[0]` all name the same kind of nested place. */
function splitKey(key: string): string[] {
  return key
    .replace(/\[([^\]]*)\]/g, '.$1')
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
 * The parameters the *unsaved* source would pick out of a sample request, the way the webhook does
 * (query string first, then body). The sample's stored params were taken with the saved source, so
 * a parameter just added in the editor would otherwise show no value until saving.
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
