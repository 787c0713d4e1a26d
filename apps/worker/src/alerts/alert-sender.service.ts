import { AlertsRepository, PROVOD_CONFIG, type AlertContext, type ProvodConfig } from '@provod/data';
import { MAILER, renderAlert, smtpErrorText, type AlertContent, type FailureDetails, type Mailer } from '@provod/mail';
import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type Logger } from '../logger';
import { SecretsCache } from '../operations/secrets.cache';

/** Longer than the mailer's timeouts together, so a live send is never taken over. */
const CLAIM_MS = 2 * 60_000;

export type SendResult = { outcome: 'sent' | 'skipped' | 'done' } | { outcome: 'wait'; waitMs: number };

/** Thrown to have the queue try again later; the alert row keeps the reason. */
export class AlertNotSentError extends Error {}

/**
 * Sends one alert: claims its row (so no other process sends it too), writes the message from the
 * rows as they are now, masks the workspace's secrets, mails it and records the result. A send
 * that fails puts the alert back to pending and throws, and the queue retries it with backoff.
 */
@Injectable()
export class AlertSender {
  constructor(
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
    @Inject(AlertsRepository) private readonly alerts: AlertsRepository,
    @Inject(SecretsCache) private readonly secrets: SecretsCache,
    @Inject(MAILER) private readonly mailer: Mailer | null,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async send(alertId: string): Promise<SendResult> {
    const log = this.logger.child({ alertId });
    if (!this.mailer) throw new AlertNotSentError('SMTP is not configured');
    const claim = await this.alerts.claim(alertId, CLAIM_MS);
    if (!claim.claimed) {
      if (claim.reason === 'window_open' || claim.reason === 'behind_earlier') return { outcome: 'wait', waitMs: claim.waitMs };
      if (claim.reason === 'busy') throw new AlertNotSentError('another attempt is sending this alert');
      return { outcome: 'done' };
    }

    let context: AlertContext | null;
    let recipients: string[];
    try {
      context = await this.alerts.context(alertId);
      if (!context) return { outcome: 'done' }; // its processing was deleted, and the alert with it
      recipients = await this.alerts.recipients(context.workspaceId, context.alertRecipients, this.config.ALERT_DEFAULT_RECIPIENTS);
    } catch (error) {
      await this.alerts.release(alertId, (error as Error).message).catch(() => undefined);
      throw error;
    }
    const content = this.content(context);
    if (!recipients.length || !content) {
      const reason = !content ? 'the operation no longer exists' : 'no recipients: the processing names none, the workspace has no owner and ALERT_DEFAULT_RECIPIENTS is empty';
      await this.alerts.markSkipped(alertId, reason);
      log.warn({ processingId: context.processingId, reason }, 'alert not sent');
      return { outcome: 'skipped' };
    }

    try {
      const { list } = await this.secrets.get(context.workspaceId);
      await this.mailer.send(recipients, renderAlert(content, { publicUrl: this.config.PUBLIC_URL, secrets: list, lang: context.language, timeZone: context.timeZone }));
    } catch (error) {
      const reason = smtpErrorText(error);
      await this.alerts.release(alertId, reason).catch(() => undefined);
      throw new AlertNotSentError(reason);
    }
    await this.alerts.markSent(alertId);
    log.info({ processingId: context.processingId, kind: context.kind, recipients: recipients.length }, 'alert sent');
    return { outcome: 'sent' };
  }

  private content(context: AlertContext): AlertContent | null {
    const failure = (): FailureDetails | null =>
      context.operation && {
        operationId: context.operation.id,
        receivedAt: context.operation.receivedAt,
        step: context.operation.error?.step ?? null,
        error: context.operation.error ?? {},
        params: context.operation.params,
      };
    switch (context.kind) {
      case 'failure': {
        const details = failure();
        return details && { kind: 'failure', processingName: context.processingName, windowMs: this.config.ALERT_WINDOW_MS, failure: details };
      }
      case 'digest':
        return {
          kind: 'digest',
          processingName: context.processingName,
          failureCount: context.failureCount,
          windowStartedAt: context.windowStartedAt ?? context.windowEnd ?? new Date(),
          windowEnd: context.windowEnd ?? new Date(),
          stillFailing: context.failingNow,
          latest: failure(),
        };
      case 'recovered':
        return context.lastOperationId
          ? {
              kind: 'recovered',
              processingName: context.processingName,
              operationId: context.lastOperationId,
              streakFailures: context.failureCount,
              streakStartedAt: context.windowStartedAt,
            }
          : null;
    }
  }
}
