import type { Me } from '@provod/contracts';
import { AccountsRepository, PROVOD_CONFIG, SessionsRepository, type ProvodConfig, type SessionOrigin } from '@provod/data';
import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { identity } from '../common/workspace';

export type { Me };

export interface NewSession {
  token: string;
  csrfToken: string;
  me: Me;
}

export const newToken = (): string => randomBytes(32).toString('base64url');

/**
 * Opens sessions. Every new session replaces the one the request came with, if any: a token
 * planted in a browser before sign-in (session fixation) or held from before a change of
 * privileges or password stops working the moment the new one is issued.
 */
@Injectable()
export class SessionIssuer {
  constructor(
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
  ) {}

  async open(userId: string, workspaceId: string | null, origin: SessionOrigin): Promise<NewSession> {
    const previous = identity().tokenHash;
    if (previous) await this.sessions.delete(previous);
    const token = newToken();
    const csrfToken = newToken();
    await this.sessions.create(token, userId, workspaceId, csrfToken, this.config.SESSION_TTL_MS, origin);
    const user = await this.accounts.findUser(userId);
    return {
      token,
      csrfToken,
      me: { user: user as Me['user'], workspaces: await this.accounts.memberships(userId), currentWorkspaceId: workspaceId },
    };
  }
}
