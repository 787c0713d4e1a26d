import { Module } from '@nestjs/common';
import { HooksController } from './hooks.controller';
import { HooksService } from './hooks.service';
import { OperationIngest } from './operation-ingest';
import { WebhookRateLimiter } from './webhook-rate-limiter';
import { WebhookTargetCache } from './webhook-target.cache';

@Module({
  controllers: [HooksController],
  providers: [HooksService, OperationIngest, WebhookTargetCache, WebhookRateLimiter],
})
export class HooksModule {}
