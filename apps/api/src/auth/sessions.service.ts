import type { SessionInfo } from '@provod/contracts';
import { AccountsRepository, SessionsRepository, type SessionOrigin } from '@provod/data';
import { hash, verify } from '@node-rs/argon2';
import { BadRequestException, Inject, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { currentUserId, identity } from '../common/workspace';
import { LoginThrottle } from './login-throttle';
import { assertStrongPassword } from './password-policy';
import { SessionIssuer, type NewSession } from './session-issuer';

/** The signed-in user's own sessions and password. */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
    @Inject(SessionIssuer) private readonly issuer: SessionIssuer,
    @Inject(LoginThrottle) private readonly throttle: LoginThrottle,
  ) {}

  async list(): Promise<SessionInfo[]> {
    const currentId = identity().sessionId;
    return (await this.sessions.list(currentUserId())).map((s) => ({ ...s, current: s.id === currentId }));
  }

  async revoke(id: string): Promise<{ current: boolean }> {
    if (!(await this.sessions.revoke(currentUserId(), id))) throw new NotFoundException('Session not found');
    return { current: id === identity().sessionId };
  }

  /** Ends every session of the user, this one included. */
  async revokeAll(): Promise<void> {
    await this.sessions.revokeAll(currentUserId());
  }

  /**
   * Needs the current password (a browser left signed in is not enough), ends every other session,
   * and replaces this one.
   */
  async changePassword(currentPassword: string, newPassword: string, origin: SessionOrigin): Promise<NewSession> {
    const userId = currentUserId();
    const user = await this.accounts.findUser(userId);
    const record = user ? await this.accounts.findUserByEmail(user.email) : null;
    if (!user || !record) throw new UnauthorizedException('Sign in first');
    await this.throttle.assertAllowed(user.email, origin.address);
    if (!(await verify(record.passwordHash, currentPassword).catch(() => false))) {
      await this.throttle.recordFailure(user.email, origin.address);
      throw new BadRequestException({ statusCode: 400, code: 'wrong_password', message: 'The current password is wrong' });
    }
    assertStrongPassword(newPassword, [user.email, user.name]);
    await this.accounts.setPassword(userId, await hash(newPassword));
    await this.sessions.revokeAll(userId);
    return this.issuer.open(userId, identity().workspaceId ?? null, origin);
  }
}
