import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MemberRole } from '@provod/data';

/** Who is calling, set by the session guard for the duration of one request. */
export interface RequestIdentity {
  userId?: string;
  workspaceId?: string | null;
  role?: MemberRole | null;
  tokenHash?: string;
  /** The session's public id (the list of sessions marks the current one). */
  sessionId?: string;
  csrfToken?: string;
}

export const requestContext = new AsyncLocalStorage<RequestIdentity>();

export function identity(): RequestIdentity {
  return requestContext.getStore() ?? {};
}

/**
 * The workspace every query of this request is scoped to. Services ask here rather than take it as
 * an argument, so no code path can forget the scope: without a signed-in member it throws.
 */
export function currentWorkspaceId(): string {
  const who = identity();
  if (!who.userId) throw new UnauthorizedException('Sign in first');
  if (!who.workspaceId) throw new ForbiddenException('You do not belong to any workspace yet');
  return who.workspaceId;
}

export function currentUserId(): string {
  const who = identity();
  if (!who.userId) throw new UnauthorizedException('Sign in first');
  return who.userId;
}
