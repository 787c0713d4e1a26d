import {
  AccountsRepository,
  PasswordResetsRepository,
  PROVOD_CONFIG,
  REDIS,
  type ProvodConfig,
  type SessionOrigin,
} from '@provod/data';
import type { PasswordResetCheck, PasswordResetLink, PasswordResetRequested } from '@provod/contracts';
import { MAILER, passwordResetMessage, type Mailer } from '@provod/mail';
import { hash } from '@node-rs/argon2';
import { BadRequestException, ForbiddenException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type IORedis from 'ioredis';
import { currentUserId, currentWorkspaceId } from '../common/workspace';
import { assertStrongPassword } from './password-policy';
import { newToken, SessionIssuer, type NewSession } from './session-issuer';

export const RESET_TTL_MS = 60 * 60_000;
/** At most one reset e-mail per address this often: the form must not become a way to flood a mailbox. */
const MAIL_INTERVAL_SECONDS = 60;
const INVALID_LINK = 'This password-reset link is not valid any more (it works once, for an hour); ask for a new one';

export function resetUrl(config: ProvodConfig, token: string): string {
  return `${config.PUBLIC_URL.replace(/\/$/, '')}/reset-password?token=${token}`;
}

/**
 * Three ways back into an account: a link e-mailed to the user (when SMTP is set up), a link a
 * workspace owner issues and hands over, and `npm run reset-password` on the server for a sole
 * owner who is locked out. Every link works once, for an hour; redeeming it ends all sessions.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
    @Inject(PasswordResetsRepository) private readonly resets: PasswordResetsRepository,
    @Inject(SessionIssuer) private readonly issuer: SessionIssuer,
    @Inject(REDIS) private readonly redis: IORedis,
    @Inject(MAILER) private readonly mailer: Mailer | null,
  ) {}

  /** The answer is the same whether or not the address has an account, so the form reveals none. */
  async request(email: string): Promise<PasswordResetRequested> {
    if (!this.mailer) return { mailConfigured: false };
    const user = await this.accounts.findUserByEmail(email);
    if (!user) return { mailConfigured: true };
    const gate = `${this.config.QUEUE_PREFIX}:reset-mail:${user.id}`;
    if ((await this.redis.set(gate, '1', 'EX', MAIL_INTERVAL_SECONDS, 'NX')) !== 'OK') return { mailConfigured: true };
    const token = newToken();
    await this.resets.create(token, user.id, RESET_TTL_MS, null);
    // Not awaited: waiting for the mail server would make "this account exists" measurable.
    void this.mail(user.email, resetUrl(this.config, token));
    return { mailConfigured: true };
  }

  private async mail(to: string, link: string): Promise<void> {
    try {
      await this.mailer?.send([to], passwordResetMessage(link));
    } catch (error) {
      // The requester is told nothing either way; the operator needs to know mail is broken.
      this.logger.error({ err: (error as Error).message }, 'password-reset e-mail not sent');
    }
  }

  /** An owner issues a link for a member, to hand over; never for someone with a workspace the owner does not own. */
  async issueForMember(userId: string): Promise<PasswordResetLink> {
    // Owners only: the route is marked @RequireRole('owner').
    const workspaceId = currentWorkspaceId();
    const issuer = currentUserId();
    if (userId === issuer) throw new BadRequestException('Change your own password on the Sessions page instead');
    const members = await this.accounts.members(workspaceId);
    if (!members.some((m) => m.userId === userId)) throw new NotFoundException('Member not found');
    if (!(await this.accounts.ownsEveryWorkspaceOf(issuer, userId))) {
      throw new ForbiddenException('This member also belongs to a workspace you do not own: they reset their password by e-mail or ask the server administrator');
    }
    const token = newToken();
    await this.resets.create(token, userId, RESET_TTL_MS, issuer);
    return { resetUrl: resetUrl(this.config, token) };
  }

  async check(token: string): Promise<PasswordResetCheck> {
    const live = await this.resets.findLive(token);
    if (!live) throw new NotFoundException(INVALID_LINK);
    return { email: live.email };
  }

  async complete(token: string, password: string, origin: SessionOrigin): Promise<NewSession> {
    const live = await this.resets.findLive(token);
    if (!live) throw new BadRequestException(INVALID_LINK);
    const user = await this.accounts.findUser(live.userId);
    assertStrongPassword(password, [live.email, user?.name ?? '']);
    const redeemed = await this.resets.redeem(token, await hash(password));
    if (!redeemed) throw new BadRequestException(INVALID_LINK);
    const [first] = await this.accounts.memberships(redeemed.userId);
    return this.issuer.open(redeemed.userId, first?.id ?? null, origin);
  }
}
