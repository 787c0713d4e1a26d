import { PROVOD_CONFIG, type ProvodConfig } from '@provod/data';
import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Mailer } from './mailer';

/** The one injection token of the mailer (`Mailer | null`: null without SMTP_URL), in the API and the worker. */
export const MAILER = Symbol('MAILER');

/** Closes the mailer's connections when the application stops. */
class MailerCloser implements OnApplicationShutdown {
  constructor(@Inject(MAILER) private readonly mailer: Mailer | null) {}

  onApplicationShutdown(): void {
    this.mailer?.close();
  }
}

/**
 * Provides the mailer once per process: every module that sends mail imports this one, and Nest
 * builds a static module once, so alerts and accounts share one SMTP transport.
 */
@Module({
  providers: [{ provide: MAILER, useFactory: (config: ProvodConfig) => Mailer.fromConfig(config), inject: [PROVOD_CONFIG] }, MailerCloser],
  exports: [MAILER],
})
export class MailModule {}
