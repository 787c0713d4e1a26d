import { createExecutorRegistry, parseOutboundAllowList, PiscinaSandbox, SmtpMailClient, UndiciHttpClient } from '@provod/actions';
import { PROVOD_CONFIG, type ProvodConfig } from '@provod/data';
import type { ExecutorRegistry } from '@provod/engine';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleDestroy, type Provider } from '@nestjs/common';

/** What a test run runs the steps with, built once per API process as the worker builds its own. */
export const TEST_RUN_REGISTRY = Symbol('TEST_RUN_REGISTRY');
export const TEST_RUN_HTTP = Symbol('TEST_RUN_HTTP');
/** Null without SMTP_URL; letters go out only when the user agreed to send writes in the run. */
export const TEST_RUN_MAIL = Symbol('TEST_RUN_MAIL');

/**
 * The API's pool of sandbox threads: rendering and parsing that may be expensive run there, so a
 * runaway template in one user's test run fails that run instead of freezing the API for everyone.
 */
@Injectable()
export class ApiSandbox implements OnModuleDestroy {
  /** Absent when SANDBOX_THREADS is 0: steps then render in the API's own thread. */
  readonly sandbox: PiscinaSandbox | undefined;

  constructor(@Inject(PROVOD_CONFIG) config: ProvodConfig) {
    if (config.SANDBOX_THREADS === 0) return;
    const logger = new Logger(ApiSandbox.name);
    this.sandbox = new PiscinaSandbox({
      threads: config.SANDBOX_THREADS,
      memoryMb: config.SANDBOX_MEMORY_MB,
      timeoutMs: config.SANDBOX_TIMEOUT_MS,
      onThreadError: (error) => logger.error(`a sandbox thread failed and is replaced: ${error.message}`),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.sandbox?.close();
  }
}

/** Closes the test runs' outbound connections when the API stops. */
@Injectable()
class TestRunConnections implements OnApplicationShutdown {
  constructor(
    @Inject(TEST_RUN_HTTP) private readonly http: UndiciHttpClient,
    @Inject(TEST_RUN_MAIL) private readonly mail: SmtpMailClient | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.mail?.close();
    await this.http.close();
  }
}

export const testRunProviders: Provider[] = [
  ApiSandbox,
  {
    provide: TEST_RUN_REGISTRY,
    useFactory: (host: ApiSandbox): ExecutorRegistry => createExecutorRegistry({ sandbox: host.sandbox }),
    inject: [ApiSandbox],
  },
  {
    provide: TEST_RUN_HTTP,
    useFactory: (config: ProvodConfig): UndiciHttpClient => new UndiciHttpClient({ allowList: parseOutboundAllowList(config.OUTBOUND_ALLOWLIST) }),
    inject: [PROVOD_CONFIG],
  },
  {
    provide: TEST_RUN_MAIL,
    useFactory: (config: ProvodConfig): SmtpMailClient | null =>
      config.SMTP_URL ? new SmtpMailClient({ url: config.SMTP_URL, from: config.SMTP_FROM }) : null,
    inject: [PROVOD_CONFIG],
  },
  TestRunConnections,
];
