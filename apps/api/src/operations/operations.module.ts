import { Module } from '@nestjs/common';
import { OperationsController } from './operations.controller';
import { OperationsService } from './operations.service';
import { ReplaysService } from './replays.service';

@Module({ controllers: [OperationsController], providers: [OperationsService, ReplaysService] })
export class OperationsModule {}
