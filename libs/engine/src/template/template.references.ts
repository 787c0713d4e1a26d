import { LruCache } from './lru.cache';
import { helperName, parseTemplate, SourceText } from './template.compiler';

/** Blocks that change what a bare name refers to: inside them `name` is not a scope reference. */
const CONTEXT_BLOCKS: ReadonlySet<string> = new Set(['each', 'with']);

/**
 * The references a template uses, as written (`source.r_id`, `fetch.body.request.[0].id`), each once,
 * in order. Names inside {{#each}}/{{#with}} are relative to the item and left out unless written as
 * `@root.…`. Throws StepFailure('template_error') when the template does not parse.
 */
export function listReferences(template: string): string[] {
  if (!template.includes('{{')) return [];
  const found = new Set<string>();
  const source = new SourceText(template);
  visitProgram(parseTemplate(template), false, source, found);
  return [...found];
}

function visitProgram(program: hbs.AST.Program | undefined, nested: boolean, source: SourceText, found: Set<string>): void {
  if (!program) return;
  for (const statement of program.body) {
    if (statement.type === 'MustacheStatement') {
      const mustache = statement as hbs.AST.MustacheStatement;
      const isCall = mustache.params.length > 0 || (mustache.hash?.pairs.length ?? 0) > 0;
      if (isCall) visitCall(mustache.params, mustache.hash, nested, source, found);
      else visitExpression(mustache.path, nested, source, found);
    } else if (statement.type === 'BlockStatement') {
      const block = statement as hbs.AST.BlockStatement;
      visitCall(block.params, block.hash, nested, source, found);
      const changesContext = CONTEXT_BLOCKS.has(helperName(block.path) ?? '');
      visitProgram(block.program, nested || changesContext, source, found);
      visitProgram(block.inverse, nested, source, found);
    }
  }
}

function visitCall(
  params: hbs.AST.Expression[],
  hash: hbs.AST.Hash | undefined,
  nested: boolean,
  source: SourceText,
  found: Set<string>,
): void {
  for (const param of params) visitExpression(param, nested, source, found);
  for (const pair of hash?.pairs ?? []) visitExpression(pair.value, nested, source, found);
}

function visitExpression(expression: hbs.AST.Expression, nested: boolean, source: SourceText, found: Set<string>): void {
  if (expression.type === 'SubExpression') {
    const sub = expression as hbs.AST.SubExpression;
    visitCall(sub.params, sub.hash, nested, source, found);
    return;
  }
  if (expression.type !== 'PathExpression') return;
  const path = expression as hbs.AST.PathExpression;
  const written = source.of(path);
  if (path.data) {
    if (written.startsWith('@root.')) found.add(written.slice('@root.'.length));
    return;
  }
  if (nested || path.depth > 0 || path.parts.length === 0) return;
  found.add(written.replace(/^this\./, ''));
}

/**
 * The top-level scope names (`source`, `fields`, `fetch_request`…) a template can reach, or null when
 * it may reach any of them (`this` at the top, `../` or `@root`, a template that does not parse).
 * Names inside {{#each}}/{{#with}} are relative to the item, which comes from a name already counted.
 */
export function referencedRoots(template: string): ReadonlySet<string> | null {
  if (!template.includes('{{')) return NO_ROOTS;
  const cached = rootsCache.get(template);
  if (cached) return cached.roots;
  const roots = new Set<string>();
  let found: ReadonlySet<string> | null;
  try {
    found = rootsOfProgram(parseTemplate(template), false, roots) ? roots : null;
  } catch {
    found = null;
  }
  // Asked for on every step of every operation, for the same few templates.
  rootsCache.set(template, { roots: found });
  return found;
}

const NO_ROOTS: ReadonlySet<string> = new Set();
const rootsCache = new LruCache<string, { roots: ReadonlySet<string> | null }>(500);

function rootsOfProgram(program: hbs.AST.Program | undefined, nested: boolean, roots: Set<string>): boolean {
  if (!program) return true;
  for (const statement of program.body) {
    if (statement.type === 'MustacheStatement') {
      const mustache = statement as hbs.AST.MustacheStatement;
      const isCall = mustache.params.length > 0 || (mustache.hash?.pairs.length ?? 0) > 0;
      if (!(isCall ? rootsOfCall(mustache.params, mustache.hash, nested, roots) : rootsOfExpression(mustache.path, nested, roots))) return false;
    } else if (statement.type === 'BlockStatement') {
      const block = statement as hbs.AST.BlockStatement;
      if (!rootsOfCall(block.params, block.hash, nested, roots)) return false;
      const changesContext = CONTEXT_BLOCKS.has(helperName(block.path) ?? '');
      if (!rootsOfProgram(block.program, nested || changesContext, roots)) return false;
      if (!rootsOfProgram(block.inverse, nested, roots)) return false;
    }
  }
  return true;
}

function rootsOfCall(params: hbs.AST.Expression[], hash: hbs.AST.Hash | undefined, nested: boolean, roots: Set<string>): boolean {
  for (const param of params) if (!rootsOfExpression(param, nested, roots)) return false;
  for (const pair of hash?.pairs ?? []) if (!rootsOfExpression(pair.value, nested, roots)) return false;
  return true;
}

function rootsOfExpression(expression: hbs.AST.Expression, nested: boolean, roots: Set<string>): boolean {
  if (expression.type === 'SubExpression') {
    const sub = expression as hbs.AST.SubExpression;
    return rootsOfCall(sub.params, sub.hash, nested, roots);
  }
  if (expression.type !== 'PathExpression') return true;
  const path = expression as hbs.AST.PathExpression;
  if (path.data) return path.parts[0] !== 'root';
  if (path.depth > 0) return false;
  if (nested) return true;
  const first = path.parts[0];
  if (first === undefined) return false;
  roots.add(first);
  return true;
}
