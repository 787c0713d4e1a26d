import { PROVOD_CONFIG, REDIS, type ProvodConfig } from '@provod/data';
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type IORedis from 'ioredis';
import { TooManyRequests } from '../common/too-many-requests';

/** Failures are forgotten this long after the last one. */
const MEMORY_SECONDS = 60 * 60;
const FIRST_DELAY_SECONDS = 30;
const MAX_DELAY_SECONDS = 15 * 60;
/** An address a user signed in from is "known" for them this long. */
const KNOWN_ADDRESS_SECONDS = 30 * 24 * 3600;
/** Account-wide and address-wide counters tolerate this many times more failures than one pair. */
const WIDE_FACTOR = 5;
/** The API's Redis client fails fast while disconnected; right after start it may still be connecting. */
const CONNECT_WAIT_MS = 3_000;

interface Counter {
  key: string;
  limit: number;
}

/**
 * Failed sign-ins slow down the guesser, not the owner. Three counters in Redis (so the limit holds
 * across API processes): the pair (account, address) always counts; the whole account (a guesser on
 * many addresses) and the whole address (one guesser trying many accounts) count only for an address
 * the account has not signed in from before. Past a counter's limit each further attempt waits
 * longer: 30 s, 1 min, 2 min … up to 15 min after the latest failure. So a guesser elsewhere never
 * locks the owner out of an address they use, and a colleague behind the same NAT keeps signing in.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: IORedis,
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
  ) {}

  /**
   * Without Redis the limit cannot be checked; sign-in is refused plainly rather than left open to
   * unlimited guessing. A client still connecting (the API just started) is waited for briefly.
   */
  private async connected(): Promise<IORedis> {
    if (this.redis.status !== 'ready') {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.redis.off('ready', done);
          resolve();
        };
        const timer = setTimeout(done, CONNECT_WAIT_MS);
        this.redis.once('ready', done);
      });
    }
    if (this.redis.status !== 'ready') {
      throw new ServiceUnavailableException({ message: 'Sign-in is unavailable for a moment (Redis cannot be reached); try again shortly.' });
    }
    return this.redis;
  }

  private key(...parts: string[]): string {
    return [this.config.QUEUE_PREFIX, 'login', ...parts].join(':');
  }

  private async counters(email: string, address: string): Promise<Counter[]> {
    const account = email.toLowerCase();
    const max = this.config.LOGIN_MAX_FAILURES;
    const pair = { key: this.key('pair', account, address), limit: max };
    const known = (await (await this.connected()).sismember(this.key('known', account), address)) === 1;
    if (known) return [pair];
    return [pair, { key: this.key('account', account), limit: max * WIDE_FACTOR }, { key: this.key('addr', address), limit: max * WIDE_FACTOR }];
  }

  async assertAllowed(email: string, address: string): Promise<void> {
    const now = Date.now();
    let wait = 0;
    for (const counter of await this.counters(email, address)) {
      const [count, last] = await this.redis.hmget(counter.key, 'count', 'last');
      const over = Number(count ?? 0) - counter.limit;
      if (over < 0) continue;
      const delay = Math.min(FIRST_DELAY_SECONDS * 2 ** over, MAX_DELAY_SECONDS);
      wait = Math.max(wait, delay - Math.floor((now - Number(last ?? 0)) / 1000));
    }
    if (wait > 0) {
      const when = wait < 60 ? `${wait} s` : `${Math.ceil(wait / 60)} min`;
      throw new TooManyRequests(`Too many failed sign-ins. Try again in ${when}.`, wait);
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const pipeline = this.redis.multi();
    for (const { key } of await this.counters(email, address)) {
      pipeline.hincrby(key, 'count', 1).hset(key, 'last', String(Date.now())).expire(key, MEMORY_SECONDS);
    }
    await pipeline.exec();
  }

  /**
   * After a successful sign-in: this pair starts afresh and the address becomes known for the
   * account. The account-wide counter stays: the guesser elsewhere is not given a fresh allowance.
   */
  async recordSuccess(email: string, address: string): Promise<void> {
    const account = email.toLowerCase();
    const known = this.key('known', account);
    await this.redis
      .multi()
      .del(this.key('pair', account, address))
      .sadd(known, address)
      .expire(known, KNOWN_ADDRESS_SECONDS)
      .exec();
  }
}
