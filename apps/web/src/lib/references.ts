/**
 * How a value's place is written in the three notations the UI deals with:
 * - Handlebars references in templates: `{{fetch_request.body.request.[0].id}}` (an index is `.[0]`);
 * - JSON parser paths, Webjack-style: `["request"][0]["id"]`;
 * - labels shown to people: `[body][request][0][id]`.
 */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

export function handlebarsPath(root: string, segments: readonly PathSegment[]): string | null {
  let path = root;
  for (const segment of segments) {
    if (typeof segment === 'number') path += `.[${segment}]`;
    else if (IDENTIFIER.test(segment)) path += `.${segment}`;
    // Handlebars' segment literal cannot contain `]`, so such keys cannot be referenced.
    else if (!segment.includes(']') && segment !== '') path += `.[${segment}]`;
    else return null;
  }
  return path;
}

export function reference(root: string, segments: readonly PathSegment[] = []): string | null {
  const path = handlebarsPath(root, segments);
  return path === null ? null : `{{${path}}}`;
}

export function parserPath(segments: readonly PathSegment[]): string {
  return segments.map((s) => (typeof s === 'number' ? `[${s}]` : `[${JSON.stringify(s)}]`)).join('');
}

export function displayPath(segments: readonly PathSegment[]): string {
  return segments.map((s) => `[${s}]`).join('');
}

export interface Leaf {
  segments: PathSegment[];
  value: unknown;
  container: boolean;
}

/**
 * Every place in a value, containers included (the parser wants `{{fetch_request.body}}` whole).
 * Long arrays show their first items only: a list of 300 tourists would drown the picker.
 */
export function flatten(value: unknown, options: { maxDepth?: number; maxEntries?: number; maxItems?: number } = {}): Leaf[] {
  const { maxDepth = 8, maxEntries = 400, maxItems = 3 } = options;
  const out: Leaf[] = [];
  const walk = (node: unknown, segments: PathSegment[], depth: number) => {
    if (out.length >= maxEntries) return;
    const container = node !== null && typeof node === 'object';
    if (segments.length > 0) out.push({ segments, value: node, container });
    if (!container || depth >= maxDepth) return;
    if (Array.isArray(node)) {
      node.slice(0, maxItems).forEach((item, index) => walk(item, [...segments, index], depth + 1));
    } else {
      for (const [key, item] of Object.entries(node as Record<string, unknown>)) walk(item, [...segments, key], depth + 1);
    }
  };
  walk(value, [], 0);
  return out;
}

export function getAt(value: unknown, segments: readonly PathSegment[]): unknown {
  let node = value;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment as string];
  }
  return node;
}

/** `{{ fetch_request.body.request.[0] }}` → root and segments; null unless the text is exactly one plain reference. */
export function parseReference(template: string): { root: string; segments: PathSegment[] } | null {
  const match = /^\s*\{\{\s*([^{}\s]+)\s*\}\}\s*$/.exec(template);
  if (!match) return null;
  const parts: PathSegment[] = [];
  const re = /\.?(?:\[([^\]]*)\]|([^.[\]]+))/gy;
  const text = match[1] as string;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(text)) !== null) {
    consumed = re.lastIndex;
    const literal = m[1];
    if (literal !== undefined) parts.push(/^\d+$/.test(literal) ? Number(literal) : literal);
    else parts.push(/^\d+$/.test(m[2] as string) ? Number(m[2]) : (m[2] as string));
  }
  if (consumed !== text.length || parts.length === 0 || typeof parts[0] !== 'string') return null;
  const [root, ...segments] = parts as [string, ...PathSegment[]];
  return { root, segments };
}

/** The parser's path forms: `["request"][0]["id"]`, `request[0].id`, `$.request[0].id`. */
export function parseParserPath(path: string): PathSegment[] | null {
  let text = path.trim();
  if (text.startsWith('$')) text = text.slice(1);
  const segments: PathSegment[] = [];
  const re = /\s*(?:\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*(\d+)\s*\]|\.?([^.[\]"']+))/y;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while (consumed < text.length && (m = re.exec(text)) !== null) {
    consumed = re.lastIndex;
    if (m[1] !== undefined) segments.push(JSON.parse(`"${m[1]}"`) as string);
    else if (m[2] !== undefined) segments.push(m[2].replace(/\\'/g, "'"));
    else if (m[3] !== undefined) segments.push(Number(m[3]));
    else segments.push(/^\d+$/.test(m[4] as string) ? Number(m[4]) : (m[4] as string).trim());
  }
  return consumed === text.length && segments.length > 0 ? segments : null;
}

/** One line of a sample value, short enough for a list row. */
export function previewValue(value: unknown, max = 60): string {
  if (value === undefined) return '';
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (Array.isArray(value)) text = `[…] ${value.length}`;
  else if (value !== null && typeof value === 'object') text = `{…} ${Object.keys(value).length}`;
  else text = String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
