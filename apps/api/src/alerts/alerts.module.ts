import { AlertMailer, AlertsRepository, PROVOD_CONFIG, type ProvodConfig } from '@provod/data';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AlertsController } from './alerts.controller';
import { AlertsService, API_ALERT_MAILER } from './alerts.service';

/** The API's part of alerts: the test e-mail and each processing's recipients. Sending is the worker's. */
@Module({
  controllers: [AlertsController],
  providers: [
    AlertsService,
    { provide: AlertsRepository, useFactory: (db: DataSource) => new AlertsRepository(db), inject: [DataSource] },
    { provide: API_ALERT_MAILER, useFactory: (config: ProvodConfig) => AlertMailer.fromConfig(config), inject: [PROVOD_CONFIG] },
  ],
})
export class AlertsModule {}
