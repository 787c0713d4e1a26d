import { DataModule, type ProvodConfig } from '@provod/data';
import { Module, type DynamicModule } from '@nestjs/common';
import { AlertsModule } from './alerts/alerts.module';
import { AuthModule } from './auth/auth.module';
import { HealthController } from './health/health.controller';
import { HooksModule } from './hooks/hooks.module';
import { OperationsModule } from './operations/operations.module';
import { ProcessingsModule } from './processings/processings.module';
import { SecretsController } from './secrets/secrets.controller';
import { SystemModule } from './system/system.module';
import { MetricsModule } from './metrics/metrics.module';
import { TestRunsModule } from './test-runs/test-runs.module';
import { WorkspaceSettingsModule } from './workspace-settings/workspace-settings.module';

@Module({})
export class AppModule {
  static forRoot(config: ProvodConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DataModule.forRoot(config, 'producer'),
        AuthModule,
        HooksModule,
        ProcessingsModule,
        OperationsModule,
        AlertsModule,
        TestRunsModule,
        SystemModule,
        MetricsModule,
        WorkspaceSettingsModule,
      ],
      controllers: [HealthController, SecretsController],
    };
  }
}
