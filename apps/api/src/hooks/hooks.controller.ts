import { All, Controller, HttpCode, Inject, Param, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { HooksService, type WebhookAck } from './hooks.service';
import { Public } from '../auth/public.decorator';
import { StorageUnavailableFilter } from './storage-unavailable.filter';
import { WebhookMetricsInterceptor } from '../metrics/webhook-metrics.interceptor';

/** `/hooks/:token`: where U-ON and other senders deliver events. Body arrives as raw bytes. */
@ApiExcludeController()
@Public()
@Controller('hooks')
@UseInterceptors(WebhookMetricsInterceptor)
@UseFilters(StorageUnavailableFilter)
export class HooksController {
  constructor(@Inject(HooksService) private readonly hooks: HooksService) {}

  @All(':token')
  @HttpCode(200)
  async receive(@Param('token') token: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<WebhookAck> {
    res.setHeader('Cache-Control', 'no-store');
    const ack = await this.hooks.receive(token, {
      method: req.method,
      rawQuery: req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '',
      headers: req.headers,
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
    }, req.ip ?? 'unknown');
    // The request's log line then names the operation it created.
    (req as Request & { log?: { setBindings?: (b: object) => void } }).log?.setBindings?.({ operationId: ack.operationId });
    return ack;
  }
}
