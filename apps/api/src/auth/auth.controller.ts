import { PROVOD_CONFIG, type ProvodConfig } from '@provod/data';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { IdPipe } from '../common/uuid.pipe';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AuthService, type NewSession } from './auth.service';
import { Public } from './public.decorator';
import { clearSessionCookies, setSessionCookies } from './session-cookies';

const email = z.string().trim().toLowerCase().email('enter a valid e-mail address').max(320);
const signupSchema = z.object({
  email,
  password: z.string().min(8, 'use at least 8 characters').max(200),
  name: z.string().max(200).optional(),
  inviteToken: z.string().max(200).optional(),
});
const loginSchema = z.object({ email, password: z.string().min(1).max(200) });
const workspaceSchema = z.object({ name: z.string().trim().min(1).max(200) });
const inviteSchema = z.object({ email });
const acceptSchema = z.object({ token: z.string().min(1).max(200) });

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
  ) {}

  @Public()
  @Get('setup')
  setup() {
    return this.auth.setup();
  }

  @Public()
  @Post('signup')
  async signup(@Body(new ZodValidationPipe(signupSchema)) body: z.infer<typeof signupSchema>, @Res({ passthrough: true }) res: Response) {
    return this.started(res, await this.auth.signup(body));
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(
    @Body(new ZodValidationPipe(loginSchema)) body: z.infer<typeof loginSchema>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.started(res, await this.auth.login(body.email, body.password, req.ip ?? 'unknown'));
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
  acceptInvite(@Body(new ZodValidationPipe(acceptSchema)) body: { token: string }) {
    return this.auth.acceptInvite(body.token);
  }

  private started(res: Response, session: NewSession) {
    setSessionCookies(res, this.config, session);
    return session.me;
  }
}

@ApiTags('workspaces')
@Controller('api/workspaces')
export class WorkspacesController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

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

  @Post('current/invites')
  invite(@Body(new ZodValidationPipe(inviteSchema)) body: { email: string }) {
    return this.auth.invite(body.email);
  }
}
