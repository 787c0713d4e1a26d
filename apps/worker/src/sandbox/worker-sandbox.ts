import { PiscinaSandbox } from '@provod/actions';
import { PROVOD_CONFIG, type ProvodConfig } from '@provod/data';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { LOGGER, type Logger } from '../logger';

/**
 * The worker's pool of sandbox threads, where steps render and parse when that may be expensive
 * (see runPureTask): a runaway template then fails its own step while every other operation flows.
 */
@Injectable()
export class WorkerSandbox implements OnModuleDestroy {
  /** Absent when SANDBOX_THREADS is 0: steps then render in the worker's own thread. */
  readonly sandbox: PiscinaSandbox | undefined;

  constructor(@Inject(PROVOD_CONFIG) config: ProvodConfig, @Inject(LOGGER) logger: Logger) {
    if (config.SANDBOX_THREADS === 0) return;
    this.sandbox = new PiscinaSandbox({
      threads: config.SANDBOX_THREADS,
      memoryMb: config.SANDBOX_MEMORY_MB,
      timeoutMs: config.SANDBOX_TIMEOUT_MS,
      onThreadError: (error) => logger.error({ err: error.message }, 'a sandbox thread failed and is replaced'),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.sandbox?.close();
  }
}
