import { Module } from '@nestjs/common';
import { ProcessingsController } from './processings.controller';
import { ProcessingReadiness } from './processing-readiness.service';
import { ProcessingsService } from './processings.service';

@Module({ controllers: [ProcessingsController], providers: [ProcessingsService, ProcessingReadiness], exports: [ProcessingsService] })
export class ProcessingsModule {}
