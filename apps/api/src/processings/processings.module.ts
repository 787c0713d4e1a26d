import { ProcessingVersionsRepository } from '@provod/data';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProcessingsController } from './processings.controller';
import { ProcessingReadiness } from './processing-readiness.service';
import { ProcessingsService } from './processings.service';
import { VersionsController } from './versions.controller';
import { VersionsService } from './versions.service';

@Module({
  controllers: [ProcessingsController, VersionsController],
  providers: [
    ProcessingsService,
    ProcessingReadiness,
    VersionsService,
    { provide: ProcessingVersionsRepository, useFactory: (db: DataSource) => new ProcessingVersionsRepository(db), inject: [DataSource] },
  ],
  exports: [ProcessingsService],
})
export class ProcessingsModule {}
