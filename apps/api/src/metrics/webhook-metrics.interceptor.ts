import { HttpException, Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { tap, type Observable } from 'rxjs';
import { ApiMetrics } from './api-metrics';

/** Counts each webhook answer: stored / held / duplicate from the acknowledgement, refused with its status. */
@Injectable()
export class WebhookMetricsInterceptor implements NestInterceptor {
  constructor(@Inject(ApiMetrics) private readonly metrics: ApiMetrics) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      tap({
        next: (ack) => {
          const status = (ack as { status?: string } | null)?.status;
          const result = status === 'held' || status === 'duplicate' ? status : 'stored';
          this.metrics.webhooks.inc({ result, status: '200' });
        },
        error: (error: unknown) => {
          const status = error instanceof HttpException ? error.getStatus() : 500;
          this.metrics.webhooks.inc({ result: 'refused', status: String(status) });
        },
      }),
    );
  }
}
