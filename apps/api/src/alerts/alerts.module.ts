import { AlertsRepository } from '@provod/data';
import { MailModule } from '@provod/mail';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';

/** The API's part of alerts: the test e-mail and each processing's recipients. Sending is the worker's. */
@Module({
  imports: [MailModule],
  controllers: [AlertsController],
  providers: [AlertsService, { provide: AlertsRepository, useFactory: (db: DataSource) => new AlertsRepository(db), inject: [DataSource] }],
})
export class AlertsModule {}
