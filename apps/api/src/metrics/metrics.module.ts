import { OperationQueue, OperationsRepository, SystemRepository } from '@provod/data';
import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiMetrics } from './api-metrics';
import { MetricsController } from './metrics.controller';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    {
      provide: ApiMetrics,
      useFactory: (queue: OperationQueue, operations: OperationsRepository, db: DataSource) => new ApiMetrics(queue, operations, new SystemRepository(db)),
      inject: [OperationQueue, OperationsRepository, DataSource],
    },
  ],
  exports: [ApiMetrics],
})
export class MetricsModule {}
