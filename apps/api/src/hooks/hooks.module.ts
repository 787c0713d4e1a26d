import { Module } from '@nestjs/common';
import { HooksService } from './hooks.service';
import { OperationIngest } from './operation-ingest';
import { WebhookRateLimiter } from './webhook-rate-limiter';
import { WebhookTargetCache } from './webhook-target.cache';

/** Webhook ingest. Its route is plain Express, mounted in createApp (see webhook.route.ts). */
@Module({
  providers: [HooksService, OperationIngest, WebhookTargetCache, WebhookRateLimiter],
  exports: [HooksService],
})
export class HooksModule {}
