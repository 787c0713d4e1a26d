import path from 'node:path';
import { StepFailure, type SandboxPort, type SandboxReply, type SandboxTaskName, valueOf } from '@provod/engine';
import { Piscina } from 'piscina';
import type { SandboxJob } from './sandbox.tasks';

const IDLE_THREAD_MS = 60_000;

export interface PiscinaSandboxOptions {
  /** Threads, and so tasks running at once. */
  threads: number;
  /** Old-generation heap of one thread: a task that needs more ends that thread, not the process. */
  memoryMb: number;
  /** A task still running this long after it started has its thread terminated (and replaced). */
  timeoutMs: number;
  /** A thread that failed outside any task (it is replaced); the process carries on. */
  onThreadError?: (error: Error) => void;
  /** Another thread entry, for tests of the pool itself. */
  filename?: string;
}

/**
 * The sandbox as a pool of worker threads. Templates stop themselves at their own limits (2 s, and
 * budgets checked before anything is built); the pool is the guard for what does not stop: a thread
 * past its deadline is terminated, one that exhausts its heap dies alone, and either is replaced.
 * Tasks wait for a free thread here rather than in piscina's queue, so the deadline counts from the
 * moment a task starts, never from when it was asked for.
 */
export class PiscinaSandbox implements SandboxPort {
  private readonly pool: Piscina<SandboxJob, SandboxReply<unknown>>;
  private readonly waiting: Array<() => void> = [];
  private running = 0;

  constructor(private readonly options: PiscinaSandboxOptions) {
    this.pool = new Piscina({
      filename: options.filename ?? threadEntry(),
      // Started when a task needs one, and gone after a minute without work: most steps run in place
      // (see runPureTask) and an idle thread holds some 35 MB; starting one costs tens of milliseconds.
      minThreads: 0,
      maxThreads: options.threads,
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
      idleTimeout: IDLE_THREAD_MS,
    });
    this.pool.on('error', (error: Error) => options.onThreadError?.(error));
  }

  async run<O>(task: SandboxTaskName, input: unknown): Promise<O> {
    await this.slot();
    try {
      return valueOf(await this.runNow(task, input)) as O;
    } finally {
      this.release();
    }
  }

  /** Threads alive now (a terminated one is replaced within milliseconds). */
  get threads(): number {
    return this.pool.threads.length;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }

  private async runNow(task: SandboxTaskName, input: unknown): Promise<SandboxReply<unknown>> {
    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    try {
      return await this.pool.run({ task, input }, { signal: deadline });
    } catch (error) {
      if (deadline.aborted) {
        throw new StepFailure(
          'template_timeout',
          `Rendering or reading this step took longer than ${this.options.timeoutMs / 1000} s and was stopped`,
        );
      }
      if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw new StepFailure(
          'template_too_large',
          `Rendering or reading this step needed more than ${this.options.memoryMb} MB of memory and was stopped`,
        );
      }
      throw error;
    }
  }

  private async slot(): Promise<void> {
    if (this.running < this.options.threads) {
      this.running += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }
}

/** The compiled thread entry beside this file, or, running from sources, a loader for the .ts one. */
function threadEntry(): string {
  return __filename.endsWith('.ts')
    ? path.join(__dirname, 'sandbox.thread.source.js')
    : path.join(__dirname, 'sandbox.thread.js');
}

