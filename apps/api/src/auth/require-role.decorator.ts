import type { MemberRole } from '@provod/data';
import { SetMetadata } from '@nestjs/common';

export const REQUIRED_ROLE = 'provod:required-role';

/**
 * What a route needs of the caller's role in the current workspace; the session guard reads it.
 * Without it, reading (GET/HEAD/OPTIONS) needs 'viewer' and anything else 'editor', so a new
 * mutating route is closed to viewers unless someone decides otherwise. 'account' marks routes
 * about the signed-in user themselves (sessions, password, their workspaces): any role, or none.
 */
export type RequiredRole = MemberRole | 'account';

export const RequireRole = (role: RequiredRole) => SetMetadata(REQUIRED_ROLE, role);

const RANK: Record<MemberRole, number> = { viewer: 1, editor: 2, owner: 3 };

/** True when `role` may do what `required` asks; `required` defaults by method (see RequireRole). */
export function roleAllows(role: MemberRole | null | undefined, required: RequiredRole): boolean {
  if (required === 'account') return true;
  return role != null && RANK[role] >= RANK[required];
}

export function defaultRoleFor(method: string): MemberRole {
  return ['GET', 'HEAD', 'OPTIONS'].includes(method) ? 'viewer' : 'editor';
}
