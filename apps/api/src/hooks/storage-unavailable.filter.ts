import { Catch, ServiceUnavailableException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';

/**
 * How long a sender should wait before trying a webhook again when the event could not be stored.
 * Short: a database blip is usually over in seconds, and the sender keeps the event meanwhile.
 */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

/** A 503 at ingest tells the sender when to come back, as HTTP says a 503 may. */
@Catch(ServiceUnavailableException)
export class StorageUnavailableFilter implements ExceptionFilter {
  catch(exception: ServiceUnavailableException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    res.setHeader('Retry-After', String(STORAGE_RETRY_AFTER_SECONDS));
    res.status(503).json(exception.getResponse());
  }
}
