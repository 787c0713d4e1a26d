import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import type { ProvodConfig } from './config';
import { AccountsRepository, InvitesRepository, SessionsRepository } from './accounts';
import { createDataSource } from './database';
import { OperationQueue } from './operation-queue';
import { OperationsRepository } from './operations.repository';
import { ProcessingsRepository } from './processings.repository';
import { ReplaysRepository } from './replays.repository';
import { StatsRepository } from './stats.repository';
import { createRedis } from './queues';
import { resolveSecretKey, SecretCipher } from './secret-cipher';
import { SecretsRepository } from './secrets.repository';

export const PROVOD_CONFIG = Symbol('PROVOD_CONFIG');
export const REDIS = Symbol('REDIS');
/** The operation queue's own connection: BullMQ's scripts live on it (see createRedis). */
const QUEUE_REDIS = Symbol('QUEUE_REDIS');

/** Closes connections when the application stops, so tests and restarts leave nothing behind. */
class ConnectionsCloser implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: IORedis,
    @Inject(QUEUE_REDIS) private readonly queueRedis: IORedis,
    @Inject(OperationQueue) private readonly queue: OperationQueue,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    // Closing the queue waits for Redis; with Redis gone that would never end, so it gets a bound.
    await Promise.race([this.queue.close().catch(() => undefined), new Promise((r) => setTimeout(r, 2_000).unref())]);
    this.redis.disconnect();
    this.queueRedis.disconnect();
    if (this.db.isInitialized) await this.db.destroy();
  }
}

/** Database, Redis, repositories and the operation queue, for the API and the worker alike. */
@Global()
@Module({})
export class DataModule {
  static forRoot(config: ProvodConfig, redisRole: 'producer' | 'worker'): DynamicModule {
    return {
      module: DataModule,
      providers: [
        { provide: PROVOD_CONFIG, useValue: config },
        {
          provide: DataSource,
          useFactory: async () => createDataSource(config.DATABASE_URL).initialize(),
        },
        { provide: REDIS, useFactory: () => createRedis(config.REDIS_URL, redisRole) },
        { provide: QUEUE_REDIS, useFactory: () => createRedis(config.REDIS_URL, redisRole, { autoPipelining: false }) },
        {
          provide: OperationQueue,
          useFactory: (redis: IORedis) => new OperationQueue(redis, config.QUEUE_PREFIX, config.JOB_ATTEMPTS),
          inject: [QUEUE_REDIS],
        },
        { provide: SecretCipher, useFactory: () => new SecretCipher(resolveSecretKey(config)) },
        { provide: ProcessingsRepository, useFactory: (db: DataSource) => new ProcessingsRepository(db), inject: [DataSource] },
        { provide: OperationsRepository, useFactory: (db: DataSource) => new OperationsRepository(db), inject: [DataSource] },
        {
          provide: SecretsRepository,
          useFactory: (db: DataSource, cipher: SecretCipher) => new SecretsRepository(db, cipher),
          inject: [DataSource, SecretCipher],
        },
        { provide: AccountsRepository, useFactory: (db: DataSource) => new AccountsRepository(db), inject: [DataSource] },
        { provide: SessionsRepository, useFactory: (db: DataSource) => new SessionsRepository(db), inject: [DataSource] },
        { provide: InvitesRepository, useFactory: (db: DataSource) => new InvitesRepository(db), inject: [DataSource] },
        { provide: ReplaysRepository, useFactory: (db: DataSource) => new ReplaysRepository(db), inject: [DataSource] },
        { provide: StatsRepository, useFactory: (db: DataSource) => new StatsRepository(db), inject: [DataSource] },
        ConnectionsCloser,
      ],
      exports: [
        PROVOD_CONFIG,
        DataSource,
        SecretCipher,
        REDIS,
        OperationQueue,
        ProcessingsRepository,
        OperationsRepository,
        SecretsRepository,
        AccountsRepository,
        SessionsRepository,
        InvitesRepository,
        ReplaysRepository,
        StatsRepository,
      ],
    };
  }
}
