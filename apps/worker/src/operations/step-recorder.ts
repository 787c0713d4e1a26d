import { effectOf, onInterruption } from '@provod/actions';
import type { Action, StepResult } from '@provod/contracts';
import type { OperationsRepository, StepInFlight } from '@provod/data';

/**
 * What a run writes while its steps go, and when. The rules (issue "every lead exactly once"):
 * - a step that reached another system (read or write) is recorded before the next one runs, so a
 *   crash never makes it run again; pure steps are cheap to redo and are not;
 * - before a write is sent, the operation records that it is on its way, so the next worker knows a
 *   cut-off try may have arrived;
 * - the last step is recorded by the final write (`finish`), which is as durable.
 *
 * The cheaper way to keep the second rule: when the next step that talks to anyone is a write that is
 * sent again after an interruption anyway (HTTP, same Idempotency-Key), the checkpoint before it
 * already marks it as on its way, and the write needs no statement of its own. Should the process die
 * in the pure steps between, that write is shown as "may have arrived" and sent again: the same as if
 * it had died during the write. A write that is not repeated after an interruption (a letter) is
 * marked only when it really leaves, or it could be lost.
 */
export class StepRecorder {
  /** The write already marked as on its way by the last checkpoint. */
  private markedAhead: { actionId: string; attempt: number } | null = null;

  constructor(
    private readonly operationId: string,
    private readonly actions: readonly Action[],
    private readonly previousSteps: readonly StepResult[],
    private readonly operations: OperationsRepository,
    private readonly leaseMs: number,
    /** Masks secrets in what is written. */
    private readonly mask: <T>(value: T) => T,
    /** Keeps a write trying while the database is unavailable (see writeDurably). */
    private readonly durably: (what: string, work: () => Promise<void>) => Promise<void>,
  ) {}

  /** Before a step runs: a write is recorded as on its way unless the last checkpoint said so. */
  async beforeStep(action: Action, attempt: number, startedAt: Date): Promise<void> {
    if (effectOf(action) !== 'writes') return;
    const marked = this.markedAhead;
    this.markedAhead = null;
    if (marked?.actionId === action.id && marked.attempt === attempt) return;
    await this.durably('step in flight', () =>
      this.operations.markStepInFlight(this.operationId, { actionId: action.id, attempt, startedAt: startedAt.toISOString() }, this.leaseMs),
    );
  }

  /** After a step: one that reached another system is checkpointed (unless the final write follows). */
  async afterStep(steps: StepResult[], justRan: StepResult, action: Action): Promise<void> {
    const index = this.actions.indexOf(action);
    if (effectOf(action) === 'pure' || justRan.status !== 'succeeded' || index === this.actions.length - 1) return;
    const ahead = this.writeAhead(index);
    await this.durably('step', () => this.operations.saveProgress(this.operationId, this.mask(steps), this.leaseMs, ahead));
    this.markedAhead = ahead && { actionId: ahead.actionId, attempt: ahead.attempt };
  }

  /** The next step that talks to anyone, when it is a write that is sent again after an interruption. */
  private writeAhead(index: number): StepInFlight | null {
    const next = this.actions.slice(index + 1).find((action) => effectOf(action) !== 'pure');
    if (!next || effectOf(next) !== 'writes' || onInterruption(next.type) !== 'resend') return null;
    const earlier = this.previousSteps.find((step) => step.actionId === next.id);
    return { actionId: next.id, attempt: (earlier?.attempt ?? 0) + 1, startedAt: new Date().toISOString() };
  }
}
