import { RetentionRepository } from '@provod/data';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkspaceSettingsController } from './workspace-settings.controller';
import { WorkspaceSettingsService } from './workspace-settings.service';

@Module({
  controllers: [WorkspaceSettingsController],
  providers: [
    WorkspaceSettingsService,
    { provide: RetentionRepository, useFactory: (db: DataSource) => new RetentionRepository(db), inject: [DataSource] },
  ],
})
export class WorkspaceSettingsModule {}
