import { bearerTokenMatches, PROVOD_CONFIG, type ProvodConfig } from '@provod/data';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import { LOGGER, type Logger } from '../logger';
import { WorkerMetrics } from './worker-metrics';

/**
 * The worker has no HTTP API, so its metrics get a small server of their own on
 * WORKER_METRICS_PORT, started only when METRICS_TOKEN is set and answering only with that token.
 */
@Injectable()
export class MetricsServer implements OnModuleInit, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const token = this.config.METRICS_TOKEN;
    if (!token) return;
    this.server = createServer((req, res) => {
      if (req.url !== '/metrics' || req.method !== 'GET') {
        res.writeHead(404).end();
        return;
      }
      if (!bearerTokenMatches(req.headers.authorization, token)) {
        res.writeHead(401, { 'WWW-Authenticate': 'Bearer' }).end();
        return;
      }
      this.metrics.registry.metrics().then(
        (body) => res.writeHead(200, { 'Content-Type': this.metrics.registry.contentType }).end(body),
        (error: Error) => res.writeHead(500).end(error.message),
      );
    });
    this.server.on('error', (error) => this.logger.error({ err: error.message }, 'metrics server stopped'));
    this.server.listen(this.config.WORKER_METRICS_PORT, this.config.WORKER_METRICS_HOST, () => {
      const address = this.server?.address();
      this.logger.info({ port: typeof address === 'object' ? address?.port : address }, 'worker metrics served at /metrics');
    });
  }

  /** The port actually bound (WORKER_METRICS_PORT=0 picks a free one, as tests do). */
  port(): number | null {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : null;
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
