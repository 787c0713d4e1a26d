import { Module } from '@nestjs/common';
import { HooksController } from './hooks.controller';
import { HooksService } from './hooks.service';
import { WebhookRateLimiter } from './webhook-rate-limiter';
import { WebhookTargetCache } from './webhook-target.cache';

@Module({
  controllers: [HooksController],
  providers: [HooksService, WebhookTargetCache, WebhookRateLimiter],
})
export class HooksModule {}
