import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';

/** 429 that tells the client when to come back, in seconds. */
export class TooManyRequests extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super({ statusCode: 429, message, retryAfter: retryAfterSeconds }, 429);
  }
}

@Catch(TooManyRequests)
export class TooManyRequestsFilter implements ExceptionFilter {
  catch(exception: TooManyRequests, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil(exception.retryAfterSeconds))));
    res.status(429).json(exception.getResponse());
  }
}
