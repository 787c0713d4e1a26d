import { RetentionRepository } from '@provod/data';
import type { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RetentionService } from './retention.service';

/** History retention in the worker; spread into the worker module's providers. */
export const retentionProviders: Provider[] = [
  { provide: RetentionRepository, useFactory: (db: DataSource) => new RetentionRepository(db), inject: [DataSource] },
  RetentionService,
];
