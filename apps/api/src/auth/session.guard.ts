import { PROVOD_CONFIG, SessionsRepository, type MemberRole, type ProvodConfig } from '@provod/data';
import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { identity } from '../common/workspace';
import { IS_PUBLIC } from './public.decorator';
import { defaultRoleFor, REQUIRED_ROLE, roleAllows, type RequiredRole } from './require-role.decorator';
import { SessionIssuer } from './session-issuer';
import { CSRF_HEADER, SESSION_COOKIE, setSessionCookies } from './session-cookies';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Every route needs a session unless marked @Public. The session fills the request's identity
 * (user, workspace, role); state-changing requests must also carry the session's CSRF token.
 * It is also the one place roles are enforced: each route's @RequireRole, or the default by method.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(SessionIssuer) private readonly issuer: SessionIssuer,
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<Request>();
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const session = token ? await this.sessions.resolve(token) : null;
    if (session) {
      Object.assign(identity(), {
        userId: session.userId,
        workspaceId: session.workspaceId,
        role: session.role,
        tokenHash: session.tokenHash,
        sessionId: session.id,
        csrfToken: session.csrfToken,
      });
    }
    if (isPublic) return true;
    if (!session) throw new UnauthorizedException('Sign in first');
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.header(CSRF_HEADER);
      if (!sent || !sameToken(sent, session.csrfToken)) {
        throw new ForbiddenException('Missing or wrong CSRF token: send the provod_csrf cookie value in X-CSRF-Token');
      }
    }
    if (session.rotate) await this.rotate(req, context.switchToHttp().getResponse<Response>(), session.userId, session.workspaceId);
    this.assertRole(context, req.method, session.role);
    return true;
  }

  /**
   * The session's privileges changed (an owner changed this member's role): it is replaced now, so a
   * token planted or copied before the change does not carry the new role. The request itself was
   * checked with the old CSRF token and goes on under the new session.
   */
  private async rotate(req: Request, res: Response, userId: string, workspaceId: string | null): Promise<void> {
    const fresh = await this.issuer.open(userId, workspaceId, { userAgent: req.get('user-agent') ?? '', address: req.ip ?? 'unknown' });
    setSessionCookies(res, this.config, fresh);
    const replaced = await this.sessions.resolve(fresh.token);
    if (replaced) Object.assign(identity(), { tokenHash: replaced.tokenHash, sessionId: replaced.id, csrfToken: replaced.csrfToken });
  }

  private assertRole(context: ExecutionContext, method: string, role: MemberRole | null): void {
    const required =
      this.reflector.getAllAndOverride<RequiredRole | undefined>(REQUIRED_ROLE, [context.getHandler(), context.getClass()]) ??
      defaultRoleFor(method);
    if (roleAllows(role, required)) return;
    if (!role) throw new ForbiddenException('You do not belong to any workspace yet');
    throw new ForbiddenException({
      statusCode: 403,
      code: 'role_forbidden',
      requiredRole: required,
      message:
        required === 'owner'
          ? 'Only a workspace owner can do this'
          : 'Your role in this workspace (viewer) only lets you read: ask an owner to make you an editor',
    });
  }
}
