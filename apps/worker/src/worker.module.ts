import { createExecutorRegistry, UndiciHttpClient } from '@provod/actions';
import { DataModule, type ProvodConfig } from '@provod/data';
import { Module, type DynamicModule } from '@nestjs/common';
import { createLogger, LOGGER } from './logger';
import { DefinitionCache } from './operations/definition.cache';
import { OperationConsumer } from './operations/operation.consumer';
import { EXECUTOR_REGISTRY, HTTP_PORT, OperationRunner } from './operations/operation-runner.service';
import { SecretsCache } from './operations/secrets.cache';
import { Reconciler } from './reconciler/reconciler.service';

@Module({})
export class WorkerModule {
  static forRoot(config: ProvodConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [DataModule.forRoot(config, 'worker')],
      providers: [
        { provide: LOGGER, useValue: createLogger(config.LOG_LEVEL) },
        { provide: EXECUTOR_REGISTRY, useFactory: () => createExecutorRegistry() },
        { provide: HTTP_PORT, useFactory: () => new UndiciHttpClient() },
        SecretsCache,
        DefinitionCache,
        OperationRunner,
        OperationConsumer,
        Reconciler,
      ],
    };
  }
}
