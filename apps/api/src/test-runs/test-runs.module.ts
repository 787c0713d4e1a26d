import { Module } from '@nestjs/common';
import { ProcessingsModule } from '../processings/processings.module';
import { testRunProviders } from './test-run.ports';
import { TestRunsController } from './test-runs.controller';
import { TestRunsService } from './test-runs.service';

@Module({ imports: [ProcessingsModule], controllers: [TestRunsController], providers: [...testRunProviders, TestRunsService] })
export class TestRunsModule {}
