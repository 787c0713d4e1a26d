import type { Scope } from '../scope';
import { isStepFailure, StepFailure } from '../step-failure';
import { type CompiledTemplate, compileTemplate, GET_HELPER, OUT_HELPER, REF_KEY } from './template.compiler';
import { BudgetEscalation, MAX_RENDER_OUTPUT, reserveChars, withRenderLimits } from './render-budget';
import { ownValue } from './template.helpers';
import { toText, toUrlComponent } from './value-text';

export interface Rendered<T> {
  value: T;
  /** References that resolved to nothing, by the name written in the template, each once, in order. */
  unresolved: string[];
}

/** text: values as plain text; url: values percent-encoded; value: the single expression's own value. */
type Mode = 'text' | 'url' | 'value';

interface HelperOptionsLike {
  hash?: Record<string, unknown>;
}

interface RunResult {
  text: string;
  captured: unknown;
}

export interface RenderOptions {
  /**
   * A webhook parameter the request did not carry fails the render (missing_parameter); default on.
   * Off where a missing value is expected, such as a deduplication key (empty key: no deduplication).
   */
  requireSource?: boolean;
}

/** Renders a template into text: values as plain strings, objects as JSON, missing values as nothing. */
export function renderText(template: string, scope: Scope, options: RenderOptions = {}): Rendered<string> {
  const unresolved = new Set<string>();
  const { text } = run(compileTemplate(template), scope, 'text', unresolved, options.requireSource ?? true);
  return { value: text, unresolved: [...unresolved] };
}

/**
 * Renders a URL template. Every inserted value is percent-encoded, so `1/../admin?x` stays inside the
 * one path segment or query value it was put in; the template's own text is left as written.
 */
export function renderUrl(template: string, scope: Scope): Rendered<string> {
  const unresolved = new Set<string>();
  const { text } = run(compileTemplate(template), scope, 'url', unresolved);
  return { value: text, unresolved: [...unresolved] };
}

/**
 * A template that is exactly one expression (`{{a.b}}`, whitespace around allowed) gives that value with
 * its type: an object stays an object, a number a number. Anything else renders as text.
 */
export function renderValue(template: string, scope: Scope): Rendered<unknown> {
  const unresolved = new Set<string>();
  const value = renderValueInto(template, scope, unresolved);
  return { value, unresolved: [...unresolved] };
}

/** renderValue collecting into a shared set, for callers that render many templates as one step. */
export function renderValueInto(template: string, scope: Scope, unresolved: Set<string>, requireSource = true): unknown {
  const compiled = compileTemplate(template);
  if (!compiled.single) return run(compiled, scope, 'text', unresolved, requireSource).text;
  return run(compiled, scope, 'value', unresolved, requireSource).captured;
}

export function renderTextInto(template: string, scope: Scope, unresolved: Set<string>, requireSource = true): string {
  return run(compileTemplate(template), scope, 'text', unresolved, requireSource).text;
}

export { MAX_RENDER_MS, MAX_RENDER_OUTPUT } from './render-budget';

/**
 * `requireSource`: a webhook parameter the request did not carry fails the render (missing_parameter).
 * Off only where the user said missing values are expected (a composer that drops empty fields).
 */
function run(compiled: CompiledTemplate, scope: Scope, mode: Mode, unresolved: Set<string>, requireSource = true): RunResult {
  if (!compiled.run) return { text: compiled.literal, captured: compiled.literal };
  return withRenderLimits(() => runWithinLimits(compiled, scope, mode, unresolved, requireSource));
}

function runWithinLimits(
  compiled: CompiledTemplate,
  scope: Scope,
  mode: Mode,
  unresolved: Set<string>,
  requireSource: boolean,
): RunResult {
  let captured: unknown;
  let produced = 0;
  // Checked at every output and every read (helpers check before they build): rendering is
  // synchronous, so the template's own progress is the only place a limit can be enforced.
  const withinLimits = (added: number): void => {
    produced += added;
    if (produced > MAX_RENDER_OUTPUT) {
      throw new StepFailure('template_too_large', `The template produced more than ${MAX_RENDER_OUTPUT} characters`);
    }
    reserveChars(added);
  };
  // Supplied per call rather than registered, so each render collects into its own set.
  const helpers = {
    [OUT_HELPER]: (value: unknown): string => {
      if (mode === 'value') {
        // A whole-value leaf builds nothing here, but its helpers ran: the clock still applies.
        reserveChars(0);
        captured = value;
        return '';
      }
      const text = mode === 'url' ? toUrlComponent(value) : toText(value);
      withinLimits(text.length);
      return text;
    },
    [GET_HELPER]: (...args: unknown[]): unknown => {
      // A read costs one unit of work: a loop that only reads is bounded like one that writes.
      reserveChars(1);
      const options = args[args.length - 1] as HelperOptionsLike | undefined;
      let current = args[0];
      for (let i = 1; i < args.length - 1 && current !== undefined; i += 1) current = ownValue(current, args[i]);
      const ref = options?.hash?.[REF_KEY];
      if (requireSource && typeof ref === 'string' && args[0] === scope && args[1] === 'source' && args.length > 3) {
        requireParameter(scope, args[2]);
      }
      if (current === undefined && typeof ref === 'string') unresolved.add(ref);
      return current;
    },
  };
  try {
    const text = compiled.plain ? renderPlain(compiled.plain, scope, helpers) : (compiled.run as NonNullable<CompiledTemplate['run']>)(scope, { helpers });
    return { text, captured };
  } catch (error) {
    if (isStepFailure(error) || error instanceof BudgetEscalation) throw error;
    const reason = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
    throw new StepFailure('template_error', `The template could not be rendered: ${reason}`);
  }
}

/** Text and lookups, through the same two helpers Handlebars would call, with the arguments it would pass. */
function renderPlain(parts: NonNullable<CompiledTemplate['plain']>, scope: Scope, helpers: Record<string, (...args: unknown[]) => unknown>): string {
  const out = helpers[OUT_HELPER] as (value: unknown) => string;
  const get = helpers[GET_HELPER] as (...args: unknown[]) => unknown;
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') text += part;
    else text += out(get(scope, ...part.segments, { hash: part.ref === undefined ? {} : { [REF_KEY]: part.ref } }));
  }
  return text;
}

/**
 * A webhook parameter the request did not carry fails the step, naming what did come: rendering it as
 * nothing would send a CRM an empty lead. `default` and the blocks test for presence on purpose, so
 * their arguments are not checked (the compiler leaves them without a reference name).
 */
function requireParameter(scope: Scope, name: unknown): void {
  const value = ownValue(scope.source, name);
  if (value !== undefined && value !== null) return;
  const received = Object.keys(scope.source).filter((key) => {
    const found = ownValue(scope.source, key);
    return found !== undefined && found !== null;
  });
  const parameter = String(name);
  throw new StepFailure(
    'missing_parameter',
    `The request has no parameter ${parameter}; ${received.length ? `it has: ${received.join(', ')}` : 'it has none'}`,
    { parameter, received },
  );
}
