/** What the account and workspace endpoints answer (`/api/auth/*`, `/api/workspaces/*`). */

/** Owner: everything; editor: builds processings and uses secrets; viewer: reads only. */
export type WorkspaceRole = 'owner' | 'editor' | 'viewer';

export interface WorkspaceMembership {
  id: string;
  name: string;
  role: WorkspaceRole;
}

/** The signed-in user; every sign-in, sign-up, switch and password change answers with it. */
export interface Me {
  /** `name` is '' when none was given at sign-up (the column is NOT NULL DEFAULT ''). */
  user: { id: string; email: string; name: string };
  workspaces: WorkspaceMembership[];
  currentWorkspaceId: string | null;
}

/** GET /api/auth/setup: whether the install waits for its first owner and whether anyone may sign up. */
export interface AuthSetup {
  needsOwner: boolean;
  signupOpen: boolean;
}

export interface Member {
  userId: string;
  email: string;
  /** '' when the member gave no name. */
  name: string;
  role: WorkspaceRole;
}

/** The link always comes back, to pass on by hand; `emailed` says whether it also went by mail. */
export interface Invite {
  inviteUrl: string;
  emailed: boolean;
}

/** One of the signed-in user's sessions. */
export interface SessionInfo {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  userAgent: string;
  address: string;
  current: boolean;
}

export interface PasswordResetRequested {
  /** False: no mail could go out, so the user is told to ask the owner for a link. */
  mailConfigured: boolean;
}

/** A live reset link names the account it resets. */
export interface PasswordResetCheck {
  email: string;
}

/** A one-time link an owner hands to a member who cannot sign in. */
export interface PasswordResetLink {
  resetUrl: string;
}
