import { SessionsRepository } from '@provod/data';
import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { identity } from '../common/workspace';
import { IS_PUBLIC } from './public.decorator';
import { CSRF_HEADER, SESSION_COOKIE } from './session-cookies';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Every route needs a session unless marked @Public. The session fills the request's identity
 * (user, workspace, role); state-changing requests must also carry the session's CSRF token.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
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
    return true;
  }
}
