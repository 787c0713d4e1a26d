/**
 * What one render may spend. Rendering is synchronous, so the template's own progress is the only
 * place a limit can be enforced: helpers reserve the characters they are about to build *before*
 * building them (a chain of `replace` can ask for 100 million), and every step checks the clock.
 *
 * A caller can run a whole task under a tighter budget (`withRenderBudget`): the worker renders small
 * steps inline that way, and a step that passes the tight budget is handed to a worker thread instead
 * of failing (`BudgetEscalation`).
 */
import { StepFailure } from '../step-failure';

/** Limits per render: `{{#each}}` over large data could otherwise keep a worker busy for minutes. */
export const MAX_RENDER_MS = 2_000;
export const MAX_RENDER_OUTPUT = 10 * 1024 * 1024;
/** Characters helpers may build in one render, intermediate results included. */
export const MAX_RENDER_WORK = 32 * 1024 * 1024;

export interface RenderBudget {
  /** Date.now() past which rendering stops. */
  deadline: number;
  /** Characters helpers and output may still build. */
  workLeft: number;
  /** Past this budget, throw BudgetEscalation (run it elsewhere) instead of failing the step. */
  escalate: boolean;
}

/** Thrown when a tight, inline budget runs out: the task is worth running again where it can be stopped. */
export class BudgetEscalation extends Error {
  constructor(readonly reason: string) {
    super(`The inline budget ran out (${reason})`);
    this.name = 'BudgetEscalation';
  }
}

let task: RenderBudget | null = null;
let render: RenderBudget | null = null;

/** Runs `fn` (synchronous) with every render inside it drawing on one budget. */
export function withRenderBudget<T>(budget: RenderBudget, fn: () => T): T {
  const outer = task;
  task = budget;
  try {
    return fn();
  } finally {
    task = outer;
  }
}

/** Runs one render under its own limits (and the task's, when one is set). */
export function withRenderLimits<T>(fn: () => T): T {
  const outer = render;
  render = { deadline: Date.now() + MAX_RENDER_MS, workLeft: MAX_RENDER_WORK, escalate: false };
  try {
    return fn();
  } finally {
    render = outer;
  }
}

/** Reserves `chars` characters about to be built, and checks the clock. Throws when over budget. */
export function reserveChars(chars: number): void {
  // Called for every value read and written: no allocation here.
  const now = Date.now();
  if (task) spend(task, chars, now);
  if (render) spend(render, chars, now);
}

function spend(budget: RenderBudget, chars: number, now: number): void {
  budget.workLeft -= chars;
  if (budget.workLeft < 0) fail(budget, 'template_too_large', `The template would build more than ${describeLimit(budget)} characters`);
  if (now > budget.deadline) fail(budget, 'template_timeout', `The template took longer than ${MAX_RENDER_MS / 1000} s to render`);
}

function describeLimit(budget: RenderBudget): string {
  return budget === render ? String(MAX_RENDER_WORK) : 'the step allows';
}

function fail(budget: RenderBudget, code: 'template_too_large' | 'template_timeout', message: string): never {
  if (budget.escalate) throw new BudgetEscalation(code);
  throw new StepFailure(code, message);
}

/** Whether an error is one of the budget's own, which helpers must let through. */
export function isBudgetError(error: unknown): boolean {
  return error instanceof BudgetEscalation || (error instanceof StepFailure && error.code.startsWith('template_'));
}
