function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The value with its keys in the order of `shape` (the template the user wrote); keys the shape lacks
 * follow in their own order. The history comes back from PostgreSQL's jsonb, which sorts keys its own way.
 */
export function orderLike(value: unknown, shape: unknown, depth = 0): unknown {
  if (depth > 50) return value;
  if (Array.isArray(value)) {
    const item = Array.isArray(shape) ? shape[0] : undefined;
    return item === undefined ? value : value.map((element) => orderLike(element, item, depth + 1));
  }
  if (!isRecord(value) || !isRecord(shape)) return value;
  const ordered: Record<string, unknown> = {};
  const put = (key: string) => Object.defineProperty(ordered, key, { value: orderLike(value[key], shape[key], depth + 1), enumerable: true, writable: true, configurable: true });
  for (const key of Object.keys(shape)) if (Object.hasOwn(value, key)) put(key);
  for (const key of Object.keys(value)) if (!Object.hasOwn(shape, key)) put(key);
  return ordered;
}
