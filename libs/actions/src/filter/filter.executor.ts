import {
  type ActionOf,
  FILTER_BINARY_OPERATORS,
  type FilterCondition,
  type FilterConditionResult,
  type FilterOutput,
} from '@provod/contracts';
import {
  type ActionExecutor,
  type ExecutionContext,
  parseLooseNumber,
  renderValueInto,
  runPureTask,
  scopeFor,
  type SandboxPort,
  type Scope,
  type StepOutcome,
  StepFailure,
} from '@provod/engine';
import { throwWithInput } from '../step-input';

/** Rendered sides are shown in history; a whole response compared by mistake is cut to this. */
const MAX_PREVIEW_CHARS = 500;

/**
 * Decides whether the operation goes on. Conditions that do not hold are not a failure: the step
 * succeeds and tells the engine to end the operation as `filtered`, saying what it compared.
 */
export class FilterExecutor implements ActionExecutor<'filter'> {
  /** Without a sandbox (unit tests) the step runs in place. */
  constructor(private readonly sandbox?: SandboxPort) {}

  async execute(action: ActionOf<'filter'>, context: ExecutionContext): Promise<StepOutcome> {
    return runPureTask(this.sandbox, 'filter.evaluate', { action, scope: scopeFor(action.settings, context.scope) }, evaluateFilterStep);
  }
}

export interface FilterTask {
  action: ActionOf<'filter'>;
  scope: Scope;
}

/** The whole step, pure and synchronous, so it can run in a sandbox thread. */
export function evaluateFilterStep({ action, scope }: FilterTask): StepOutcome {
  const { match, conditions } = action.settings;
  const input = { match, conditions };
  const unresolved = new Set<string>();
  try {
    const results = conditions.map((condition, index) => judge(condition, index, scope, unresolved));
    const passed = match === 'all' ? results.every((r) => r.held) : results.some((r) => r.held);
    const output: FilterOutput = passed ? { passed, match, conditions: results } : { passed, match, conditions: results, failed: results.filter((r) => !r.held) };
    return { input, output, unresolved: [...unresolved], ...(passed ? {} : { halt: 'filtered' as const }) };
  } catch (error) {
    throwWithInput(error, input);
  }
}

function judge(condition: FilterCondition, index: number, scope: Scope, unresolved: Set<string>): FilterConditionResult {
  const { operator, compareAs } = condition;
  // A parameter the request did not carry is a value like any other here: empty.
  const left = renderValueInto(condition.left, scope, unresolved, false);
  const binary = FILTER_BINARY_OPERATORS.includes(operator);
  const right = binary ? renderValueInto(condition.right, scope, unresolved, false) : undefined;
  const shown = { index, operator, compareAs, left: preview(left), ...(binary ? { right: preview(right) } : {}) };
  return { ...shown, held: holds(condition, index + 1, left, right) };
}

function holds({ operator, compareAs }: FilterCondition, number: number, left: unknown, right: unknown): boolean {
  if (operator === 'is_empty') return isEmpty(left);
  if (operator === 'is_not_empty') return !isEmpty(left);
  if (compareAs === 'number') {
    // An absent value is not "less than 1000": the condition simply does not hold.
    if (isEmpty(left) || isEmpty(right)) return operator === 'not_equals' && isEmpty(left) !== isEmpty(right);
    const a = numberOf(left, number);
    const b = numberOf(right, number);
    if (operator === 'equals') return a === b;
    if (operator === 'not_equals') return a !== b;
    if (operator === 'greater') return a > b;
    if (operator === 'less') return a < b;
    return String(left).includes(String(right));
  }
  const a = textOf(left);
  const b = textOf(right);
  if (operator === 'equals') return a === b;
  if (operator === 'not_equals') return a !== b;
  if (operator === 'contains') return a.includes(b);
  if (operator === 'greater') return a > b;
  return a < b;
}

/** Nothing, "", whitespace, [] and {} are empty: what a CRM shows as a blank field. */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function numberOf(value: unknown, condition: number): number {
  const parsed = parseLooseNumber(value);
  if (parsed !== null) return parsed;
  const text = textOf(value);
  throw new StepFailure('not_a_number', `Condition ${condition} compares numbers, but "${cut(text)}" is not a number`, {
    condition,
    value: cut(text),
  });
}

function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function preview(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'string') return cut(value);
  if (value !== null && typeof value === 'object') {
    const text = JSON.stringify(value);
    return text.length > MAX_PREVIEW_CHARS ? cut(text) : value;
  }
  return value;
}

function cut(text: string): string {
  return text.length > MAX_PREVIEW_CHARS ? `${text.slice(0, MAX_PREVIEW_CHARS)}… (${text.length} characters in all)` : text;
}
