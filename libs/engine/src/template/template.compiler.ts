import Handlebars from 'handlebars';
import { StepFailure } from '../step-failure';
import { LruCache } from './lru.cache';
import { isBudgetError } from './render-budget';
import { BLOCK_HELPERS, TEMPLATE_HELPERS } from './template.helpers';
import { describeSyntaxError } from './template-syntax.messages';

export const MAX_TEMPLATE_LENGTH = 100_000;

/** Internal helper names; every `{{ }}` and every lookup is rewritten into a call of one of them. */
export const OUT_HELPER = '__out';
export const GET_HELPER = '__get';
export const REF_KEY = '__ref';

/** The data variables Handlebars itself sets; any other `@name` can only reach its internals. */
const DATA_NAMES: ReadonlySet<string> = new Set(['root', 'index', 'key', 'first', 'last']);

/** One `{{a.b}}` of a plain template: the property names read from the scope, and what unresolved calls it. */
export interface PlainLookup {
  segments: readonly string[];
  ref: string | undefined;
}

export interface CompiledTemplate {
  /** Null when the text holds no expression at all: rendering is then the text itself. */
  run: Handlebars.TemplateDelegate | null;
  /**
   * Set when the template is text and `{{a.b}}` lookups only (most templates: a URL with a key and
   * an id, a field of a lead): rendered by calling the same helpers in a loop, without Handlebars'
   * runtime, which sets up and wraps every helper afresh on each render.
   */
  plain: ReadonlyArray<string | PlainLookup> | null;
  literal: string;
  /** Exactly one `{{ }}` with nothing but whitespace around it: such a template can keep a value's type. */
  single: boolean;
}

const env = createEnvironment();
const cache = new LruCache<string, CompiledTemplate>(500);

function createEnvironment(): typeof Handlebars {
  // An isolated environment: nothing registered on the global Handlebars leaks into templates.
  const created = Handlebars.create();
  created.unregisterHelper('log');
  for (const [name, helper] of Object.entries(TEMPLATE_HELPERS)) {
    created.registerHelper(name, (...all: unknown[]) => {
      try {
        return helper(all.slice(0, -1));
      } catch (error) {
        // Odd data renders as nothing; running out of budget stops the render.
        if (isBudgetError(error)) throw error;
        return '';
      }
    });
  }
  return created;
}

export function templateFailure(message: string): StepFailure {
  return new StepFailure('template_error', message);
}

/** Compiles (or takes from the cache) a template written by a user. Throws StepFailure('template_error'). */
export function compileTemplate(template: string): CompiledTemplate {
  const cached = cache.get(template);
  if (cached) return cached;
  const compiled = build(template);
  cache.set(template, compiled);
  return compiled;
}

/** Parses a template into Handlebars' syntax tree, with errors a person can read. */
export function parseTemplate(template: string): hbs.AST.Program {
  assertLength(template);
  try {
    return env.parse(template);
  } catch (error) {
    throw templateFailure(describeSyntaxError(error));
  }
}

function assertLength(template: string): void {
  if (template.length > MAX_TEMPLATE_LENGTH) {
    throw templateFailure(`The template is ${template.length} characters long; the limit is ${MAX_TEMPLATE_LENGTH}`);
  }
}

function build(template: string): CompiledTemplate {
  assertLength(template);
  if (!template.includes('{{')) return { run: null, plain: null, literal: template, single: false };
  const program = parseTemplate(template);
  const single = isSingleExpression(program);
  rewriteProgram(program, { source: new SourceText(template), blockParams: new Set() });
  const plain = plainParts(program);
  // Only trees produced by our own parse reach compile; noEscape because values are not HTML.
  const run = env.compile(program, { noEscape: true, strict: false, preventIndent: true });
  return { run, plain, literal: template, single };
}

/**
 * The rewritten program as text and lookups, when that is all it is: every `{{ }}` is then
 * `(__out (__get this "a" "b" __ref="a.b"))` on the render's own scope. Null for anything else
 * (helpers, blocks, parent or data paths, literals), which Handlebars runs.
 */
function plainParts(program: hbs.AST.Program): Array<string | PlainLookup> | null {
  const parts: Array<string | PlainLookup> = [];
  for (const statement of program.body) {
    if (statement.type === 'ContentStatement') parts.push((statement as hbs.AST.ContentStatement).value);
    else if (statement.type === 'MustacheStatement') {
      const lookup = plainLookup((statement as hbs.AST.MustacheStatement).params[0]);
      if (!lookup) return null;
      parts.push(lookup);
    } else if (statement.type !== 'CommentStatement') return null;
  }
  return parts;
}

function plainLookup(value: hbs.AST.Expression | undefined): PlainLookup | null {
  if (value?.type !== 'SubExpression') return null;
  const call = value as hbs.AST.SubExpression;
  if (helperName(call.path) !== GET_HELPER) return null;
  const [base, ...rest] = call.params;
  if (base?.type !== 'PathExpression') return null;
  const start = base as hbs.AST.PathExpression;
  if (start.data || start.depth !== 0 || start.parts.length !== 0) return null;
  const segments: string[] = [];
  for (const segment of rest) {
    if (segment.type !== 'StringLiteral') return null;
    segments.push((segment as hbs.AST.StringLiteral).value);
  }
  const pairs = call.hash?.pairs ?? [];
  const refPair = pairs.find((pair) => pair.key === REF_KEY);
  if (pairs.length > (refPair ? 1 : 0)) return null;
  const ref = refPair?.value.type === 'StringLiteral' ? (refPair.value as hbs.AST.StringLiteral).value : undefined;
  if (refPair && ref === undefined) return null;
  return { segments, ref };
}

function isSingleExpression(program: hbs.AST.Program): boolean {
  let expressions = 0;
  for (const statement of program.body) {
    if (statement.type === 'MustacheStatement') expressions += 1;
    else if (statement.type === 'ContentStatement') {
      if ((statement as hbs.AST.ContentStatement).value.trim() !== '') return false;
    } else if (statement.type !== 'CommentStatement') return false;
  }
  return expressions === 1;
}

/** Maps Handlebars' line/column positions back to the text the user wrote, for naming references. */
export class SourceText {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i += 1) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  of(node: hbs.AST.Node): string {
    const loc = node.loc as hbs.AST.SourceLocation | undefined;
    if (!loc) return '';
    const start = (this.lineStarts[loc.start.line - 1] ?? 0) + loc.start.column;
    const end = (this.lineStarts[loc.end.line - 1] ?? 0) + loc.end.column;
    return this.text.slice(start, end);
  }
}

/** What the rewrite needs to know while walking: the text, and the block params in view. */
interface Walk {
  source: SourceText;
  blockParams: ReadonlySet<string>;
}

function rewriteProgram(program: hbs.AST.Program | undefined, walk: Walk): void {
  if (!program) return;
  for (const statement of program.body) rewriteStatement(statement, walk);
}

function rewriteStatement(statement: hbs.AST.Statement, walk: Walk): void {
  switch (statement.type) {
    case 'MustacheStatement':
      rewriteMustache(statement as hbs.AST.MustacheStatement, walk);
      return;
    case 'BlockStatement': {
      const block = statement as hbs.AST.BlockStatement;
      const name = helperName(block.path);
      if (name === null || !BLOCK_HELPERS.has(name)) {
        throw templateFailure(
          `{{#${walk.source.of(block.path)}}} is not a known block: use {{#if}}, {{#unless}}, {{#each}} or {{#with}}`,
        );
      }
      // Blocks test for presence on purpose, so their arguments are not reported as unresolved.
      block.params = block.params.map((param) => rewriteParam(param, false, walk));
      rewriteHash(block.hash, walk);
      const declared = block.program?.blockParams ?? [];
      const inner = declared.length ? { ...walk, blockParams: new Set([...walk.blockParams, ...declared]) } : walk;
      rewriteProgram(block.program, inner);
      rewriteProgram(block.inverse, walk);
      return;
    }
    case 'PartialStatement':
    case 'PartialBlockStatement':
      throw templateFailure('Partials ({{> name}}) are not supported in templates');
    case 'Decorator':
    case 'DecoratorBlock':
      throw templateFailure('Decorators ({{* name}}) are not supported in templates');
    default:
      return;
  }
}

function rewriteMustache(mustache: hbs.AST.MustacheStatement, walk: Walk): void {
  const hasHash = (mustache.hash?.pairs.length ?? 0) > 0;
  const value =
    mustache.params.length > 0 || hasHash
      ? helperCall(mustache.path, mustache.params, mustache.hash, mustache, walk)
      : rewriteParam(mustache.path, true, walk);
  mustache.path = pathNode(OUT_HELPER, mustache);
  mustache.params = [value];
  mustache.hash = emptyHash(mustache);
}

function helperCall(
  path: hbs.AST.Expression,
  params: hbs.AST.Expression[],
  hash: hbs.AST.Hash | undefined,
  at: hbs.AST.Node,
  walk: Walk,
  tracked = true,
): hbs.AST.SubExpression {
  const name = helperName(path);
  if (name === null || !Object.prototype.hasOwnProperty.call(TEMPLATE_HELPERS, name)) {
    throw templateFailure(
      `"${walk.source.of(path)}" is not a known helper; available: ${Object.keys(TEMPLATE_HELPERS).join(', ')}`,
    );
  }
  // `default` exists to handle missing values, so what it is given (helpers inside it included) is
  // not reported as unresolved, nor required.
  const track = tracked && name !== 'default';
  rewriteHash(hash, walk);
  const call = {
    type: 'SubExpression',
    path,
    params: params.map((param) => rewriteParam(param, track, walk)),
    hash: hash ?? emptyHash(at),
    loc: at.loc,
  };
  return call as hbs.AST.SubExpression;
}

function rewriteParam(param: hbs.AST.Expression, track: boolean, walk: Walk): hbs.AST.Expression {
  if (param.type === 'SubExpression') {
    const sub = param as hbs.AST.SubExpression;
    return helperCall(sub.path, sub.params, sub.hash, sub, walk, track);
  }
  if (param.type !== 'PathExpression') return param;
  return lookupCall(param as hbs.AST.PathExpression, track, walk);
}

/**
 * `a.b.[0]` becomes `(__get this "a" "b" "0")`: every property is then read by our own lookup, which
 * follows own properties only, never functions. Handlebars is left with resolving the starting point
 * (the context, a parent context, a block param or a data variable).
 */
function lookupCall(path: hbs.AST.PathExpression, track: boolean, walk: Walk): hbs.AST.Expression {
  const parts = path.parts;
  const scoped = /^\.|this\b/.test(path.original);
  let base: hbs.AST.PathExpression;
  let rest: string[];
  if (path.data) {
    const first = parts[0] ?? '';
    if (!DATA_NAMES.has(first)) return { type: 'UndefinedLiteral', loc: path.loc } as hbs.AST.Expression;
    base = { ...pathNode(first, path), data: true, depth: path.depth, original: `@${first}` };
    rest = parts.slice(1);
  } else if (parts.length === 0) {
    return path;
  } else if (!scoped && path.depth === 0 && walk.blockParams.has(parts[0] ?? '')) {
    base = pathNode(parts[0] ?? '', path);
    rest = parts.slice(1);
  } else {
    base = { ...pathNode('', path), parts: [], depth: path.depth, original: path.depth ? '..' : 'this' };
    rest = parts;
  }
  if (rest.length === 0) return base;
  const segments = rest.map(
    (part) => ({ type: 'StringLiteral', value: part, original: part, loc: path.loc }) as hbs.AST.StringLiteral,
  );
  const call = {
    type: 'SubExpression',
    path: pathNode(GET_HELPER, path),
    params: [base, ...segments],
    hash: track ? refHash(walk.source.of(path), path) : emptyHash(path),
    loc: path.loc,
  };
  return call as hbs.AST.SubExpression;
}

function rewriteHash(hash: hbs.AST.Hash | undefined, walk: Walk): void {
  if (!hash) return;
  for (const pair of hash.pairs) pair.value = rewriteParam(pair.value, false, walk);
}

export function helperName(path: hbs.AST.Expression): string | null {
  if (path.type !== 'PathExpression') return null;
  const p = path as hbs.AST.PathExpression;
  return !p.data && p.depth === 0 && p.parts.length === 1 ? (p.parts[0] ?? null) : null;
}

function pathNode(name: string, at: hbs.AST.Node): hbs.AST.PathExpression {
  return { type: 'PathExpression', data: false, depth: 0, parts: [name], original: name, loc: at.loc };
}

function emptyHash(at: hbs.AST.Node): hbs.AST.Hash {
  return { type: 'Hash', pairs: [], loc: at.loc };
}

function refHash(ref: string, at: hbs.AST.Node): hbs.AST.Hash {
  const value = { type: 'StringLiteral', value: ref, original: ref, loc: at.loc } as hbs.AST.StringLiteral;
  return { type: 'Hash', pairs: [{ type: 'HashPair', key: REF_KEY, value, loc: at.loc }], loc: at.loc };
}
