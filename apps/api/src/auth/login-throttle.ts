import { PROVOD_CONFIG, REDIS, type ProvodConfig } from '@provod/data';
import { Inject, Injectable } from '@nestjs/common';
import type IORedis from 'ioredis';
import { TooManyRequests } from '../common/too-many-requests';

const WINDOW_SECONDS = 15 * 60;

/**
 * Counts failed sign-ins per e-mail and per client address in Redis, so the limit holds across API
 * processes. Past the limit, sign-in answers 429 with Retry-After until the window passes.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: IORedis,
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
  ) {}

  private keys(email: string, address: string): string[] {
    const prefix = `${this.config.QUEUE_PREFIX}:login-failures`;
    return [`${prefix}:email:${email.toLowerCase()}`, `${prefix}:addr:${address}`];
  }

  async assertAllowed(email: string, address: string): Promise<void> {
    const [byEmail, byAddress] = this.keys(email, address);
    const counts = await this.redis.mget(byEmail as string, byAddress as string);
    const limits = [this.config.LOGIN_MAX_FAILURES, this.config.LOGIN_MAX_FAILURES * 5];
    for (const [i, count] of counts.entries()) {
      if (Number(count ?? 0) >= (limits[i] as number)) {
        const ttl = await this.redis.ttl([byEmail, byAddress][i] as string);
        const retryAfter = Math.max(ttl, 1);
        throw new TooManyRequests(`Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} min.`, retryAfter);
      }
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const pipeline = this.redis.multi();
    for (const key of this.keys(email, address)) pipeline.incr(key).expire(key, WINDOW_SECONDS, 'NX');
    await pipeline.exec();
  }

  async reset(email: string): Promise<void> {
    await this.redis.del(this.keys(email, '')[0] as string);
  }
}
