import {
  AccountsRepository,
  InvitesRepository,
  PROVOD_CONFIG,
  SessionsRepository,
  hashToken,
  type MemberRole,
  type ProvodConfig,
  type SessionOrigin,
} from '@provod/data';
import type { AuthSetup, Invite, Member } from '@provod/contracts';
import { invitationMessage, MAILER, type Mailer } from '@provod/mail';
import { hash, verify } from '@node-rs/argon2';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  UnauthorizedException,
  type OnModuleInit,
} from '@nestjs/common';
import { currentUserId, currentWorkspaceId, identity } from '../common/workspace';
import { LoginThrottle } from './login-throttle';
import { assertStrongPassword, passwordProblem, passwordProblemMessage } from './password-policy';
import { newToken, SessionIssuer, type Me, type NewSession } from './session-issuer';

export type { Me, NewSession } from './session-issuer';

const INVITE_TTL_MS = 7 * 24 * 3600_000;
const invalidInvite = () =>
  new BadRequestException({ statusCode: 400, code: 'invite_invalid', message: 'This invitation is not valid any more; ask for a new one' });
const inviteForOtherAddress = (action: 'sign up' | 'sign in') =>
  new ForbiddenException({
    statusCode: 403,
    code: 'invite_other_address',
    message: `This invitation was sent to another e-mail address: ${action} with the address it came to`,
  });

// Verifying against a fixed hash when the e-mail is unknown keeps both answers equally slow.
const DUMMY_HASH = hash('provod-timing-equaliser');

@Injectable()
export class AuthService implements OnModuleInit {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(InvitesRepository) private readonly invites: InvitesRepository,
    @Inject(LoginThrottle) private readonly throttle: LoginThrottle,
    @Inject(SessionIssuer) private readonly issuer: SessionIssuer,
    @Inject(MAILER) private readonly mailer: Mailer | null,
  ) {}

  /** ADMIN_EMAIL/ADMIN_PASSWORD create the owner at first start, for installs without a browser step. */
  async onModuleInit(): Promise<void> {
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = this.config;
    if (!email || !password || (await this.accounts.countUsers()) > 0) return;
    const problem = passwordProblem(password, [email]);
    if (problem) throw new Error(`ADMIN_PASSWORD is refused: ${passwordProblemMessage(problem)}`);
    const created = await this.accounts.createUser({ email, name: '', passwordHash: await hash(password) }, { kind: 'first-owner' });
    // Another API process starting at the same moment may have created the owner first.
    if ('refused' in created) return;
    this.logger.log(`owner account ${email} created from ADMIN_EMAIL`);
  }

  async setup(): Promise<AuthSetup> {
    return { needsOwner: (await this.accounts.countUsers()) === 0, signupOpen: this.config.SIGNUP_OPEN };
  }

  /**
   * Nothing is written unless the whole sign-up succeeds: the invitation is spent and the first
   * owner claimed inside the transaction that creates the account.
   */
  async signup(input: { email: string; password: string; name?: string; inviteToken?: string }, origin: SessionOrigin): Promise<NewSession> {
    const name = input.name?.trim() ?? '';
    const invite = input.inviteToken ? await this.invites.findLive(input.inviteToken) : null;
    if (input.inviteToken && !invite) throw invalidInvite();
    if (invite && invite.email.toLowerCase() !== input.email.toLowerCase()) {
      throw inviteForOtherAddress('sign up');
    }
    const firstUser = !invite && (await this.accounts.countUsers()) === 0;
    if (!firstUser && !invite && !this.config.SIGNUP_OPEN) throw this.signupClosed();
    assertStrongPassword(input.password, [input.email, name]);
    if (await this.accounts.findUserByEmail(input.email)) throw this.emailTaken();
    const created = await this.accounts.createUser(
      { email: input.email, name, passwordHash: await hash(input.password) },
      invite
        ? { kind: 'invite', tokenHash: hashToken(input.inviteToken as string) }
        : firstUser
          ? { kind: 'first-owner' }
          : // The name the people Provod is built for would give it; they rename it in one click.
            { kind: 'own', workspaceName: 'Моя компания' },
    );
    if ('refused' in created) {
      if (created.refused === 'email-taken') throw this.emailTaken();
      if (created.refused === 'invite-invalid') throw invalidInvite();
      // Someone else became the owner a moment ago: this sign-up is now one more stranger.
      throw this.signupClosed();
    }
    return this.issuer.open(created.userId, created.workspaceId, origin);
  }

  async login(email: string, password: string, origin: SessionOrigin): Promise<NewSession> {
    await this.throttle.assertAllowed(email, origin.address);
    const user = await this.accounts.findUserByEmail(email);
    const ok = await verify(user?.passwordHash ?? (await DUMMY_HASH), password).catch(() => false);
    if (!user || !ok) {
      await this.throttle.recordFailure(email, origin.address);
      throw new UnauthorizedException('Wrong e-mail or password');
    }
    await this.throttle.recordSuccess(email, origin.address);
    const [first] = await this.accounts.memberships(user.id);
    return this.issuer.open(user.id, first?.id ?? null, origin);
  }

  async logout(): Promise<void> {
    const { tokenHash } = identity();
    if (tokenHash) await this.sessions.delete(tokenHash);
  }

  async me(): Promise<Me> {
    const userId = currentUserId();
    const user = await this.accounts.findUser(userId);
    if (!user) throw new UnauthorizedException('Sign in first');
    return { user, workspaces: await this.accounts.memberships(userId), currentWorkspaceId: identity().workspaceId ?? null };
  }

  async createWorkspace(name: string): Promise<Me> {
    const id = await this.accounts.createWorkspace(name, currentUserId());
    return this.switchTo(id);
  }

  async switchTo(workspaceId: string): Promise<Me> {
    const memberships = await this.accounts.memberships(currentUserId());
    if (!memberships.some((m) => m.id === workspaceId)) throw new NotFoundException('Workspace not found');
    await this.sessions.switchWorkspace(identity().tokenHash as string, workspaceId);
    identity().workspaceId = workspaceId;
    return this.me();
  }

  members(): Promise<Member[]> {
    return this.accounts.members(currentWorkspaceId());
  }

  // Owner-only routes are marked @RequireRole('owner'); the session guard enforces it.
  async removeMember(userId: string): Promise<void> {
    const result = await this.accounts.removeMember(currentWorkspaceId(), userId);
    if (result === 'not-found') throw new NotFoundException('Member not found');
    if (result === 'last-owner') throw new BadRequestException('A workspace needs an owner: the last owner cannot be removed');
  }

  /** The link always comes back (to pass on by hand); it is also e-mailed when SMTP is set up. */
  async invite(email: string, role: MemberRole): Promise<Invite> {
    const token = newToken();
    await this.invites.create(token, currentWorkspaceId(), email, currentUserId(), INVITE_TTL_MS, role);
    const inviteUrl = `${this.config.PUBLIC_URL.replace(/\/$/, '')}/signup?invite=${token}`;
    if (!this.mailer) return { inviteUrl, emailed: false };
    try {
      await this.mailer.send([email], invitationMessage(inviteUrl));
      return { inviteUrl, emailed: true };
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'invitation e-mail not sent');
      return { inviteUrl, emailed: false };
    }
  }

  /** A signed-in user accepts an invitation sent to their address; the session is replaced, as privileges grew. */
  async acceptInvite(token: string, origin: SessionOrigin): Promise<NewSession> {
    const invite = await this.invites.findLive(token);
    if (!invite) throw invalidInvite();
    const user = await this.accounts.findUser(currentUserId());
    if (!user || user.email.toLowerCase() !== invite.email.toLowerCase()) {
      throw inviteForOtherAddress('sign in');
    }
    const workspaceId = await this.accounts.joinWithInvite(hashToken(token), user.id, user.email);
    if (!workspaceId) throw invalidInvite();
    return this.issuer.open(user.id, workspaceId, origin);
  }

  /**
   * The member's sessions read the role afresh on every request, so the change applies at once;
   * the workspace always keeps an owner.
   */
  async setRole(userId: string, role: MemberRole): Promise<Member> {
    const workspaceId = currentWorkspaceId();
    const result = await this.accounts.setRole(workspaceId, userId, role);
    if (result === 'not-found') throw new NotFoundException('Member not found');
    if (result === 'last-owner') throw new BadRequestException('A workspace needs an owner: make someone else an owner first');
    // Their open sessions here are replaced at their next request, so no old token carries the new role.
    await this.sessions.markForRotation(userId, workspaceId);
    this.logger.log({ workspaceId, userId, role, by: currentUserId() }, 'member role changed');
    return (await this.accounts.members(workspaceId)).find((m) => m.userId === userId) as Member;
  }

  private signupClosed(): ForbiddenException {
    return new ForbiddenException('Sign-up is by invitation: ask a workspace owner to invite you');
  }

  private emailTaken(): ConflictException {
    return new ConflictException('An account with this e-mail exists; sign in instead');
  }
}
