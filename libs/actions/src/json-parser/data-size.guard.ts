/**
 * Bounds on data a step passes on. Everything a step takes in or gives out is stored as JSON, and
 * both JSON.stringify and PostgreSQL fail on very deep nesting, so such data is refused up front with
 * a message instead of failing later as a fault of Provod. Both walks are iterative and stop early.
 */

/** Far beyond any real API answer, well within what JSON.stringify and jsonb accept. */
export const MAX_DATA_DEPTH = 1000;
/** The same order as the largest HTTP answer a step may read. */
export const MAX_DATA_CHARS = 10 * 1024 * 1024;

export function exceedsDepth(value: unknown, limit: number = MAX_DATA_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [item, depth] = next;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Whether the JSON text of `value` would pass `limit` characters, estimated without building it. */
export function exceedsJsonSize(value: unknown, limit: number = MAX_DATA_CHARS): boolean {
  let size = 0;
  const stack: unknown[] = [value];
  for (let i = stack.length; i > 0; i = stack.length) {
    const item = stack.pop();
    if (typeof item === 'string') size += item.length + 2;
    else if (typeof item === 'number' || typeof item === 'boolean') size += String(item).length;
    else if (item === null || item === undefined) size += 4;
    else if (Array.isArray(item)) {
      size += 2 + item.length;
      for (const child of item) stack.push(child);
    } else if (typeof item === 'object') {
      const entries = Object.entries(item);
      size += 2 + entries.length;
      for (const [key, child] of entries) {
        size += key.length + 3;
        stack.push(child);
      }
    }
    if (size > limit) return true;
  }
  return false;
}
