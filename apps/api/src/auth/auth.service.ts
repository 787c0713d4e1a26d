import {
  AccountsRepository,
  AlertMailer,
  InvitesRepository,
  PROVOD_CONFIG,
  SessionsRepository,
  type Member,
  type ProvodConfig,
} from '@provod/data';
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
import { randomBytes } from 'node:crypto';
import { currentUserId, currentWorkspaceId, identity } from '../common/workspace';
import { LoginThrottle } from './login-throttle';

export interface Me {
  user: { id: string; email: string; name: string };
  workspaces: Array<{ id: string; name: string; role: 'owner' | 'member' }>;
  currentWorkspaceId: string | null;
}

export interface NewSession {
  token: string;
  csrfToken: string;
  me: Me;
}

const INVITE_TTL_MS = 7 * 24 * 3600_000;
export const INVITE_MAILER = Symbol('INVITE_MAILER');
const newToken = () => randomBytes(32).toString('base64url');

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
    @Inject(INVITE_MAILER) private readonly mailer: AlertMailer | null,
  ) {}

  /** ADMIN_EMAIL/ADMIN_PASSWORD create the owner at first start, for installs without a browser step. */
  async onModuleInit(): Promise<void> {
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = this.config;
    if (!email || !password || (await this.accounts.countUsers()) > 0) return;
    await this.accounts.createUser({ email, name: '', passwordHash: await hash(password) }, { kind: 'first-owner' });
    this.logger.log(`owner account ${email} created from ADMIN_EMAIL`);
  }

  async setup(): Promise<{ needsOwner: boolean; signupOpen: boolean }> {
    return { needsOwner: (await this.accounts.countUsers()) === 0, signupOpen: this.config.SIGNUP_OPEN };
  }

  async signup(input: { email: string; password: string; name?: string; inviteToken?: string }): Promise<NewSession> {
    const firstUser = (await this.accounts.countUsers()) === 0;
    const invite = input.inviteToken ? await this.invites.consume(input.inviteToken) : null;
    if (input.inviteToken && !invite) throw new BadRequestException('This invitation is not valid any more; ask for a new one');
    if (!firstUser && !invite && !this.config.SIGNUP_OPEN) {
      throw new ForbiddenException('Sign-up is by invitation: ask a workspace owner to invite you');
    }
    if (await this.accounts.findUserByEmail(input.email)) throw new ConflictException('An account with this e-mail exists; sign in instead');
    const name = input.name?.trim() ?? '';
    const placement = firstUser
      ? ({ kind: 'first-owner' } as const)
      : invite
        ? ({ kind: 'join', workspaceId: invite.workspaceId, role: 'member' } as const)
        : ({ kind: 'own', workspaceName: name || input.email } as const);
    const { userId, workspaceId } = await this.accounts.createUser(
      { email: input.email, name, passwordHash: await hash(input.password) },
      placement,
    );
    return this.openSession(userId, workspaceId);
  }

  async login(email: string, password: string, address: string): Promise<NewSession> {
    await this.throttle.assertAllowed(email, address);
    const user = await this.accounts.findUserByEmail(email);
    const ok = await verify(user?.passwordHash ?? (await DUMMY_HASH), password).catch(() => false);
    if (!user || !ok) {
      await this.throttle.recordFailure(email, address);
      throw new UnauthorizedException('Wrong e-mail or password');
    }
    await this.throttle.reset(email);
    const [first] = await this.accounts.memberships(user.id);
    return this.openSession(user.id, first?.id ?? null);
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

  async removeMember(userId: string): Promise<void> {
    this.assertOwner();
    const result = await this.accounts.removeMember(currentWorkspaceId(), userId);
    if (result === 'not-found') throw new NotFoundException('Member not found');
    if (result === 'last-owner') throw new BadRequestException('A workspace needs an owner: the last owner cannot be removed');
  }

  /** The link always comes back (to pass on by hand); it is also e-mailed when SMTP is set up. */
  async invite(email: string): Promise<{ inviteUrl: string; emailed: boolean }> {
    this.assertOwner();
    const token = newToken();
    await this.invites.create(token, currentWorkspaceId(), email, currentUserId(), INVITE_TTL_MS);
    const inviteUrl = `${this.config.PUBLIC_URL.replace(/\/$/, '')}/signup?invite=${token}`;
    if (!this.mailer) return { inviteUrl, emailed: false };
    const text = `Вас пригласили в Provod / You are invited to Provod:\n${inviteUrl}\n\nСсылка действует 7 дней / The link works for 7 days.`;
    try {
      await this.mailer.send([email], { subject: '[Provod] Приглашение / Invitation', text, html: `<p>${text.replace(/\n/g, '<br>')}</p>` });
      return { inviteUrl, emailed: true };
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'invitation e-mail not sent');
      return { inviteUrl, emailed: false };
    }
  }

  /** A signed-in user accepts an invitation to one more workspace. */
  async acceptInvite(token: string): Promise<Me> {
    const invite = await this.invites.consume(token);
    if (!invite) throw new BadRequestException('This invitation is not valid any more; ask for a new one');
    await this.accounts.joinWorkspace(invite.workspaceId, currentUserId(), 'member');
    return this.switchTo(invite.workspaceId);
  }

  private assertOwner(): void {
    currentWorkspaceId();
    if (identity().role !== 'owner') throw new ForbiddenException('Only a workspace owner can do this');
  }

  private async openSession(userId: string, workspaceId: string | null): Promise<NewSession> {
    const token = newToken();
    const csrfToken = newToken();
    await this.sessions.create(token, userId, workspaceId, csrfToken, this.config.SESSION_TTL_MS);
    const user = await this.accounts.findUser(userId);
    return {
      token,
      csrfToken,
      me: { user: user as Me['user'], workspaces: await this.accounts.memberships(userId), currentWorkspaceId: workspaceId },
    };
  }
}
