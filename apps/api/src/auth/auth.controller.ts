import { PROVOD_CONFIG, type ProvodConfig } from '@provod/data';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { IdPipe } from '../common/uuid.pipe';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AuthService, type NewSession } from './auth.service';
import { PasswordResetService } from './password-reset.service';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy';
import { Public } from './public.decorator';
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
const inviteSchema = z.object({ email });
const acceptSchema = z.object({ token: z.string().min(1).max(200) });
const resetRequestSchema = z.object({ email });
const resetCompleteSchema = z.object({ token: z.string().min(1).max(200), password: newPassword });
const changePasswordSchema = z.object({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword });

/** Where a session was opened from, as shown in the user's list of sessions. */
function originOf(req: Request) {
  return { userAgent: req.get('user-agent') ?? '', address: req.ip ?? 'unknown' };
}

@ApiTags('auth')
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

  @Post()
  create(@Body(new ZodValidationPipe(workspaceSchema)) body: { name: string }) {
    return this.auth.createWorkspace(body.name);
  }

  @Post(':id/switch')
  @HttpCode(200)
  switchTo(@Param('id', IdPipe) id: string) {
    return this.auth.switchTo(id);
  }

  @Get('current/members')
  members() {
    return this.auth.members();
  }

  @Delete('current/members/:userId')
  @HttpCode(204)
  removeMember(@Param('userId', IdPipe) userId: string) {
    return this.auth.removeMember(userId);
  }

  /** A one-time link (1 hour) the owner hands to a member who cannot sign in. */
  @Post('current/members/:userId/password-reset')
  issueReset(@Param('userId', IdPipe) userId: string) {
    return this.resets.issueForMember(userId);
  }

  @Post('current/invites')
  invite(@Body(new ZodValidationPipe(inviteSchema)) body: { email: string }) {
    return this.auth.invite(body.email);
  }
}
