import { SystemRepository } from '@provod/data';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SystemController } from './system.controller';
import { SystemService } from './system.service';

@Module({
  controllers: [SystemController],
  providers: [SystemService, { provide: SystemRepository, useFactory: (db: DataSource) => new SystemRepository(db), inject: [DataSource] }],
})
export class SystemModule {}
