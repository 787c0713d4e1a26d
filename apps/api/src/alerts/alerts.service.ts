import type { ProcessingView, TestAlertSent } from '@provod/contracts';
import { AlertsRepository, PROVOD_CONFIG, ProcessingsRepository, type ProvodConfig } from '@provod/data';
import { MAILER, renderAlert, smtpErrorText, type Mailer } from '@provod/mail';
import {
  BadRequestException,
  Inject,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { currentWorkspaceId } from '../common/workspace';
import { readableDefinition } from '../processings/readable-definition';

@Injectable()
export class AlertsService {
  constructor(
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
    @Inject(AlertsRepository) private readonly alerts: AlertsRepository,
    @Inject(ProcessingsRepository) private readonly processings: ProcessingsRepository,
    @Inject(MAILER) private readonly mailer: Mailer | null,
  ) {}

  /**
   * Sends the test e-mail now, not through the queue: the person pressing the button wants to know
   * whether mail works, so the mail server's own refusal is what they get back.
   */
  async sendTest(to: string | undefined): Promise<TestAlertSent> {
    if (!this.mailer) throw new ServiceUnavailableException('SMTP is not configured');
    const recipients = await this.alerts.recipients(currentWorkspaceId(), to ? [to] : [], this.config.ALERT_DEFAULT_RECIPIENTS);
    if (!recipients.length) {
      throw new BadRequestException('No one to send to: give "to", as the workspace has no owner and ALERT_DEFAULT_RECIPIENTS is empty');
    }
    try {
      await this.mailer.send(recipients, renderAlert({ kind: 'test' }, { publicUrl: this.config.PUBLIC_URL, secrets: [] }));
    } catch (error) {
      throw new ServiceUnavailableException(`The mail server did not accept the message: ${smtpErrorText(error)}`);
    }
    return { sent: true };
  }

  async setRecipients(processingId: string, recipients: string[]): Promise<ProcessingView> {
    const workspaceId = currentWorkspaceId();
    if (!(await this.alerts.setRecipients(workspaceId, processingId, recipients))) throw new NotFoundException('Processing not found');
    const view = await this.processings.find(workspaceId, processingId);
    if (!view) throw new NotFoundException('Processing not found');
    return readableDefinition(view);
  }
}
