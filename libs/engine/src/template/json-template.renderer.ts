import type { Scope } from '../scope';
import { isStepFailure, StepFailure } from '../step-failure';
import { describeJsonError } from './json-syntax.message';
import { LruCache } from './lru.cache';
import type { Rendered } from './template.renderer';
import { renderTextInto, renderValueInto } from './template.renderer';
import { toJsonSafe } from './value-text';

export interface JsonTemplateOptions {
  /** Remove object fields whose final value is "", null or missing. */
  dropEmpty?: boolean;
}

/** Deeper templates are certainly mistakes, and recursion has to stop somewhere. */
const MAX_TEMPLATE_DEPTH = 500;

const parsedTemplates = new LruCache<string, { tree: unknown }>(200);

/**
 * Renders a JSON document whose string leaves may hold templates. The document is parsed first and
 * values are put into the parsed tree, never into its text: whatever an inserted value contains
 * (quotes, "{{", line breaks) it stays data and the result always serialises to valid JSON.
 *
 * A leaf that is exactly one `{{ }}` takes the value's own type (missing → null); other leaves and
 * object keys render as text; numbers, booleans and null stay as written.
 */
export function renderJsonTemplate(
  jsonTemplate: string,
  scope: Scope,
  options: JsonTemplateOptions = {},
): Rendered<unknown> {
  const tree = parseJsonTemplate(jsonTemplate);
  const unresolved = new Set<string>();
  // Dropping empty fields is how a user marks them optional: a parameter missing from the request
  // then leaves its field out instead of failing the step.
  const rendered = renderNode(tree, { scope, unresolved, requireSource: !options.dropEmpty }, '', 0);
  const value = options.dropEmpty ? dropEmptyFields(rendered) : rendered;
  return { value, unresolved: [...unresolved] };
}

function parseJsonTemplate(jsonTemplate: string): unknown {
  const cached = parsedTemplates.get(jsonTemplate);
  if (cached) return cached.tree;
  let tree: unknown;
  try {
    tree = isWholeExpression(jsonTemplate) ? jsonTemplate.trim() : JSON.parse(jsonTemplate);
  } catch (error) {
    const fallback = error instanceof Error ? error.message : String(error);
    throw new StepFailure(
      'invalid_template',
      `The JSON template is not valid JSON: ${describeJsonError(jsonTemplate, fallback)}`,
    );
  }
  // The tree is only ever read, so one parsed copy can serve every event.
  parsedTemplates.set(jsonTemplate, { tree });
  return tree;
}

/**
 * A body that is just `{{lead}}` means "send that value as JSON": it is treated as a one-leaf document,
 * so the value keeps its type, rather than rejected for not being JSON text.
 */
function isWholeExpression(template: string): boolean {
  const trimmed = template.trim();
  return trimmed.startsWith('{{') && trimmed.endsWith('}}') && trimmed.indexOf('}}') === trimmed.length - 2;
}

interface RenderWalk {
  scope: Scope;
  unresolved: Set<string>;
  requireSource: boolean;
}

function renderNode(node: unknown, walk: RenderWalk, where: string, depth: number): unknown {
  if (depth > MAX_TEMPLATE_DEPTH) {
    throw new StepFailure('invalid_template', `The JSON template is nested more than ${MAX_TEMPLATE_DEPTH} levels deep`);
  }
  if (typeof node === 'string') return renderLeaf(node, walk, where);
  if (Array.isArray(node)) {
    return node.map((item, index) => renderNode(item, walk, `${where}[${index}]`, depth + 1));
  }
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      const childWhere = where ? `${where}.${key}` : key;
      const name = key.includes('{{')
        ? withPlace(childWhere, () => renderTextInto(key, walk.scope, walk.unresolved, walk.requireSource))
        : key;
      // defineProperty, because plain assignment of a "__proto__" key would replace the prototype.
      Object.defineProperty(out, name, {
        value: renderNode(child, walk, childWhere, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return node;
}

function renderLeaf(leaf: string, walk: RenderWalk, where: string): unknown {
  if (!leaf.includes('{{')) return leaf;
  const value = withPlace(where, () => renderValueInto(leaf, walk.scope, walk.unresolved, walk.requireSource));
  return value === undefined ? null : toJsonSafe(value);
}

/** Names the field in a template error: a long JSON template is hard to search otherwise. */
function withPlace<T>(where: string, render: () => T): T {
  try {
    return render();
  } catch (error) {
    if (!isStepFailure(error) || !where) throw error;
    throw new StepFailure(error.code, `In "${where}": ${error.message}`, error.details);
  }
}

function dropEmptyFields(value: unknown): unknown {
  // The reviver walks bottom-up without recursion in JS; wrapping in an array keeps the root itself.
  const revived = JSON.parse(JSON.stringify([value]), function (this: unknown, _key: string, field: unknown) {
    if (Array.isArray(this)) return field;
    return field === '' || field === null ? undefined : field;
  }) as unknown[];
  return revived[0];
}
