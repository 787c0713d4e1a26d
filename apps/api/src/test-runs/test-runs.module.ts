import { Module } from '@nestjs/common';
import { ProcessingsModule } from '../processings/processings.module';
import { TestRunsController } from './test-runs.controller';
import { TestRunsService } from './test-runs.service';

@Module({ imports: [ProcessingsModule], controllers: [TestRunsController], providers: [TestRunsService] })
export class TestRunsModule {}
