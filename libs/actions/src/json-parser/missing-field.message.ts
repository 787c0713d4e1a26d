import type { PathLookup } from './field-path.resolver';

const LISTED_KEYS = 15;

/**
 * Why a path found nothing, in terms of the data that was there: the keys present, and the nearest
 * one when the path looks like a typo (`dat_close` for `date_close`).
 */
export function describeMiss(lookup: Extract<PathLookup, { found: false }>): string {
  const { stoppedAt, missing } = lookup;
  if (stoppedAt === undefined) return 'there was nothing to read';
  if (stoppedAt === null) return 'the value there is null';
  if (Array.isArray(stoppedAt)) {
    return stoppedAt.length === 0 ? 'there is an empty list there' : `there is a list of ${stoppedAt.length} items there`;
  }
  if (typeof stoppedAt !== 'object') return `there is ${describeScalar(stoppedAt)} there, not an object`;
  const keys = Object.keys(stoppedAt);
  if (keys.length === 0) return 'the object there is empty';
  const listed = keys.slice(0, LISTED_KEYS).join(', ') + (keys.length > LISTED_KEYS ? ', …' : '');
  const near = typeof missing === 'string' ? nearestKey(missing, keys) : undefined;
  return `keys present there: ${listed}${near ? ` (did you mean "${near}"?)` : ''}`;
}

function describeScalar(value: unknown): string {
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `the ${typeof value} ${String(value)}`;
}

function nearestKey(wanted: string, keys: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(wanted.length / 4)) + 1;
  for (const key of keys) {
    if (Math.abs(key.length - wanted.length) >= bestDistance) continue;
    const distance = editDistance(wanted.toLowerCase(), key.toLowerCase(), bestDistance);
    if (distance < bestDistance) {
      best = key;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string, limit: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= limit) return limit;
    previous = current;
  }
  return previous[b.length] ?? limit;
}
