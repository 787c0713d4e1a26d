import { MEMBER_ROLES, PROVOD_CONFIG, type MemberRole, type ProvodConfig } from '@provod/data';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { IdPipe } from '../common/uuid.pipe';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AuthService, type NewSession } from './auth.service';
import { PasswordResetService } from './password-reset.service';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy';
import { Public } from './public.decorator';
import { RequireRole } from './require-role.decorator';
import { clearSessionCookies, setSessionCookies } from './session-cookies';
import { SessionsService } from './sessions.service';

const email = z.string().trim().toLowerCase().email('enter a valid e-mail address').max(320);
// Length is checked here; how guessable it is, by the password policy (its answer names the reason).
const newPassword = z.string().min(PASSWORD_MIN_LENGTH, `use at least ${PASSWORD_MIN_LENGTH} characters`).max(PASSWORD_MAX_LENGTH);
const signupSchema = z.object({
  email,
  password: newPassword,
  name: z.string().max(200).optional(),
  inviteToken: z.string().max(200).optional(),
});
const loginSchema = z.object({ email, password: z.string().min(1).max(200) });
const workspaceSchema = z.object({ name: z.string().trim().min(1).max(200) });
const role = z.enum(MEMBER_ROLES as [MemberRole, ...MemberRole[]]);
const inviteSchema = z.object({ email, role: role.default('editor') });
const roleSchema = z.object({ role });
const acceptSchema = z.object({ token: z.string().min(1).max(200) });
const resetRequestSchema = z.object({ email });
const resetCompleteSchema = z.object({ token: z.string().min(1).max(200), password: newPassword });
const changePasswordSchema = z.object({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword });

/** Where a session was opened from, as shown in the user's list of sessions. */
function originOf(req: Request) {
  return { userAgent: req.get('user-agent') ?? '', address: req.ip ?? 'unknown' };
}

@ApiTags('auth')
@RequireRole('account')
@Controller('api/auth')
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(PasswordResetService) private readonly resets: PasswordResetService,
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
  ) {}

  @Public()
  @Get('setup')
  setup() {
    return this.auth.setup();
  }

  @Public()
  @Post('signup')
  async signup(
    @Body(new ZodValidationPipe(signupSchema)) body: z.infer<typeof signupSchema>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.started(res, await this.auth.signup(body, originOf(req)));
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(
    @Body(new ZodValidationPipe(loginSchema)) body: z.infer<typeof loginSchema>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.started(res, await this.auth.login(body.email, body.password, originOf(req)));
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Res({ passthrough: true }) res: Response) {
    await this.auth.logout();
    clearSessionCookies(res, this.config);
  }

  @Get('me')
  me() {
    return this.auth.me();
  }

  @Post('accept-invite')
  @HttpCode(200)
  async acceptInvite(@Body(new ZodValidationPipe(acceptSchema)) body: { token: string }, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.started(res, await this.auth.acceptInvite(body.token, originOf(req)));
  }

  @Get('sessions')
  listSessions() {
    return this.sessions.list();
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  async revokeSession(@Param('id', IdPipe) id: string, @Res({ passthrough: true }) res: Response) {
    if ((await this.sessions.revoke(id)).current) clearSessionCookies(res, this.config);
  }

  /** "Sign out everywhere": every session of the user ends, this one too. */
  @Post('sessions/revoke-all')
  @HttpCode(204)
  async revokeAllSessions(@Res({ passthrough: true }) res: Response) {
    await this.sessions.revokeAll();
    clearSessionCookies(res, this.config);
  }

  @Post('password')
  @HttpCode(200)
  async changePassword(
    @Body(new ZodValidationPipe(changePasswordSchema)) body: z.infer<typeof changePasswordSchema>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.started(res, await this.sessions.changePassword(body.currentPassword, body.newPassword, originOf(req)));
  }

  @Public()
  @Post('password-reset/request')
  @HttpCode(202)
  requestReset(@Body(new ZodValidationPipe(resetRequestSchema)) body: { email: string }) {
    return this.resets.request(body.email);
  }

  @Public()
  @Get('password-reset/:token')
  checkReset(@Param('token') token: string) {
    return this.resets.check(token);
  }

  @Public()
  @Post('password-reset/complete')
  @HttpCode(200)
  async completeReset(
    @Body(new ZodValidationPipe(resetCompleteSchema)) body: z.infer<typeof resetCompleteSchema>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.started(res, await this.resets.complete(body.token, body.password, originOf(req)));
  }

  private started(res: Response, session: NewSession) {
    setSessionCookies(res, this.config, session);
    return session.me;
  }
}

@ApiTags('workspaces')
@Controller('api/workspaces')
export class WorkspacesController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(PasswordResetService) private readonly resets: PasswordResetService,
  ) {}

  @RequireRole('account')
  @Post()
  create(@Body(new ZodValidationPipe(workspaceSchema)) body: { name: string }) {
    return this.auth.createWorkspace(body.name);
  }

  @RequireRole('account')
  @Post(':id/switch')
  @HttpCode(200)
  switchTo(@Param('id', IdPipe) id: string) {
    return this.auth.switchTo(id);
  }

  @Get('current/members')
  members() {
    return this.auth.members();
  }

  @RequireRole('owner')
  @Delete('current/members/:userId')
  @HttpCode(204)
  removeMember(@Param('userId', IdPipe) userId: string) {
    return this.auth.removeMember(userId);
  }

  /** A one-time link (1 hour) the owner hands to a member who cannot sign in. */
  @RequireRole('owner')
  @Post('current/members/:userId/password-reset')
  issueReset(@Param('userId', IdPipe) userId: string) {
    return this.resets.issueForMember(userId);
  }

  @RequireRole('owner')
  @Put('current/members/:userId/role')
  setRole(@Param('userId', IdPipe) userId: string, @Body(new ZodValidationPipe(roleSchema)) body: { role: MemberRole }) {
    return this.auth.setRole(userId, body.role);
  }

  /** The invited person joins with the role chosen here (editor unless said otherwise). */
  @RequireRole('owner')
  @Post('current/invites')
  invite(@Body(new ZodValidationPipe(inviteSchema)) body: { email: string; role: MemberRole }) {
    return this.auth.invite(body.email, body.role);
  }
}
