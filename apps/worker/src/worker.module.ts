import { createExecutorRegistry, parseOutboundAllowList, SmtpMailClient, UndiciHttpClient } from '@provod/actions';
import { DataModule, REDIS, type ProvodConfig } from '@provod/data';
import { MailModule } from '@provod/mail';
import { Module, type DynamicModule } from '@nestjs/common';
import { alertProviders } from './alerts/alerts.providers';
import { capacityProviders } from './capacity/capacity.providers';
import type { CapacityGate } from './capacity/capacity-gate';
import { CAPACITY_GATE } from './capacity/capacity.tokens';
import { FirstHostCache } from './capacity/first-host.cache';
import { HostLimitedHttp } from './capacity/host-limited-http';
import { createLogger, LOGGER } from './logger';
import { DefinitionCache } from './operations/definition.cache';
import { OperationConsumer } from './operations/operation.consumer';
import { stepRetryPolicy } from './operations/step-retry.policy';
import { ENGINE_PORTS, enginePorts, EXECUTOR_REGISTRY, HTTP_PORT, MAIL_PORT, OperationRunner, RATE_LIMITER, RETRY_POLICY } from './operations/operation-runner.service';
import { RedisRateLimiter } from './operations/redis-rate-limiter';
import { SecretsCache } from './operations/secrets.cache';
import { WorkerHeartbeat } from './heartbeat/worker-heartbeat.service';
import { Reconciler } from './reconciler/reconciler.service';
import { retentionProviders } from './retention/retention.providers';
import { WorkerSandbox } from './sandbox/worker-sandbox';
import { MeteredHttp } from './metrics/metered-http';
import { MetricsServer } from './metrics/metrics-server';
import { WorkerMetrics } from './metrics/worker-metrics';

@Module({})
export class WorkerModule {
  static forRoot(config: ProvodConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [DataModule.forRoot(config, 'worker'), MailModule],
      providers: [
        { provide: LOGGER, useValue: createLogger(config.LOG_LEVEL, config.LOG_FILE, config.LOG_REPEAT_WINDOW_MS, config.LOG_FORMAT) },
        WorkerSandbox,
        {
          provide: EXECUTOR_REGISTRY,
          useFactory: (host: WorkerSandbox) => createExecutorRegistry({ sandbox: host.sandbox }),
          inject: [WorkerSandbox],
        },
        {
          provide: HTTP_PORT,
          useFactory: (gate: CapacityGate, metrics: WorkerMetrics, firstHosts: FirstHostCache) =>
            new HostLimitedHttp(
              new MeteredHttp(new UndiciHttpClient({ allowList: parseOutboundAllowList(config.OUTBOUND_ALLOWLIST) }), metrics),
              gate,
              { perHost: config.DESTINATION_HOST_CONCURRENCY, overrides: config.DESTINATION_HOST_CONCURRENCY_OVERRIDES },
              firstHosts,
            ),
          inject: [CAPACITY_GATE, WorkerMetrics, FirstHostCache],
        },
        { provide: RETRY_POLICY, useValue: stepRetryPolicy },
        // Null without SMTP_URL: a send-e-mail step then fails as mail_not_configured.
        { provide: MAIL_PORT, useValue: config.SMTP_URL ? new SmtpMailClient({ url: config.SMTP_URL, from: config.SMTP_FROM }) : null },
        {
          provide: RATE_LIMITER,
          useFactory: (redis: import('ioredis').default) => new RedisRateLimiter(redis, config.QUEUE_PREFIX),
          inject: [REDIS],
        },
        { provide: ENGINE_PORTS, useFactory: enginePorts, inject: [EXECUTOR_REGISTRY, HTTP_PORT, RETRY_POLICY, RATE_LIMITER, MAIL_PORT] },
        SecretsCache,
        DefinitionCache,
        OperationRunner,
        OperationConsumer,
        Reconciler,
        WorkerHeartbeat,
        { provide: WorkerMetrics, useFactory: () => new WorkerMetrics() },
        MetricsServer,
        ...alertProviders,
        ...retentionProviders,
        ...capacityProviders,
      ],
    };
  }
}
