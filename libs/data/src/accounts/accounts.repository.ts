import type { DataSource, EntityManager } from 'typeorm';

/** Owner: everything. Editor: builds processings, uses (never reads) secrets. Viewer: reads only. */
export type MemberRole = 'owner' | 'editor' | 'viewer';
export const MEMBER_ROLES: readonly MemberRole[] = ['owner', 'editor', 'viewer'];

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
}

export interface Membership {
  id: string;
  name: string;
  role: MemberRole;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: MemberRole;
}

/** Workspace created by the first migration; the first owner takes it over, with whatever it holds. */
export const FIRST_WORKSPACE_ID = '00000000-0000-4000-8000-000000000001';

export type Placement =
  | { kind: 'first-owner' }
  | { kind: 'invite'; tokenHash: string }
  | { kind: 'own'; workspaceName: string };

/** Why a sign-up did not create the user: nothing was written. */
export interface CreateUserRefusal {
  refused: 'owner-exists' | 'invite-invalid' | 'email-taken';
}

class Refused extends Error {
  constructor(readonly reason: CreateUserRefusal['refused']) {
    super(reason);
  }
}

/** Marks the invitation used if it is live and was sent to this address. */
async function consumeInvite(tx: EntityManager, tokenHash: string, email: string): Promise<{ workspaceId: string; role: MemberRole } | null> {
  const [rows] = (await tx.query(
    `UPDATE workspace_invite SET accepted_at = now()
     WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > now() AND lower(email) = lower($2)
     RETURNING workspace_id, role`,
    [tokenHash, email],
  )) as [{ workspace_id: string; role: MemberRole }[], number];
  const row = rows[0];
  return row ? { workspaceId: row.workspace_id, role: row.role } : null;
}

/** Users, workspaces and who belongs where. */
export class AccountsRepository {
  constructor(private readonly db: DataSource) {}

  async countUsers(): Promise<number> {
    const [row] = (await this.db.query(`SELECT count(*)::int AS n FROM app_user`)) as { n: number }[];
    return row?.n ?? 0;
  }

  async findUserByEmail(email: string): Promise<UserRecord | null> {
    const [row] = (await this.db.query(
      `SELECT id, email, name, password_hash FROM app_user WHERE lower(email) = lower($1)`,
      [email],
    )) as { id: string; email: string; name: string; password_hash: string }[];
    return row ? { id: row.id, email: row.email, name: row.name, passwordHash: row.password_hash } : null;
  }

  async findUser(id: string): Promise<Omit<UserRecord, 'passwordHash'> | null> {
    const [row] = (await this.db.query(`SELECT id, email, name FROM app_user WHERE id = $1`, [id])) as {
      id: string;
      email: string;
      name: string;
    }[];
    return row ?? null;
  }

  /**
   * Creates a user and puts them in a workspace in one transaction: the very first user takes over
   * the first workspace as its owner; later ones join `join` or get a workspace of their own.
   * The first owner is claimed in a singleton row, and an invitation is used up in the same
   * transaction, so a refused sign-up neither makes a second owner nor spends the invitation.
   */
  async createUser(
    input: { email: string; name: string; passwordHash: string },
    placement: Placement,
  ): Promise<{ userId: string; workspaceId: string } | CreateUserRefusal> {
    try {
      return await this.db.transaction(async (tx) => {
        const [user] = (await tx.query(
          `INSERT INTO app_user (email, name, password_hash) VALUES ($1, $2, $3) RETURNING id`,
          [input.email, input.name, input.passwordHash],
        )) as { id: string }[];
        const userId = (user as { id: string }).id;
        let workspaceId: string;
        if (placement.kind === 'first-owner') {
          const [claimed] = (await tx.query(
            `INSERT INTO install_owner (user_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING user_id`,
            [userId],
          )) as unknown[];
          if (!claimed) throw new Refused('owner-exists');
          workspaceId = FIRST_WORKSPACE_ID;
          await this.addMember(tx, workspaceId, userId, 'owner');
        } else if (placement.kind === 'invite') {
          const invite = await consumeInvite(tx, placement.tokenHash, input.email);
          if (!invite) throw new Refused('invite-invalid');
          workspaceId = invite.workspaceId;
          await this.addMember(tx, workspaceId, userId, invite.role);
        } else {
          workspaceId = await this.createWorkspaceIn(tx, placement.workspaceName, userId);
        }
        return { userId, workspaceId };
      });
    } catch (error) {
      if (error instanceof Refused) return { refused: error.reason };
      if ((error as { code?: string; constraint?: string }).constraint === 'app_user_email_key') return { refused: 'email-taken' };
      throw error;
    }
  }

  /** A signed-in user joins with an invitation sent to their address; it is used up only if they join. */
  async joinWithInvite(tokenHash: string, userId: string, email: string): Promise<string | null> {
    return this.db.transaction(async (tx) => {
      const invite = await consumeInvite(tx, tokenHash, email);
      if (invite) await this.addMember(tx, invite.workspaceId, userId, invite.role);
      return invite?.workspaceId ?? null;
    });
  }

  /**
   * True when `ownerId` owns every workspace `userId` belongs to: only then may the owner reset the
   * user's password without reaching into a workspace of someone else.
   */
  async ownsEveryWorkspaceOf(ownerId: string, userId: string): Promise<boolean> {
    const [row] = (await this.db.query(
      `SELECT count(*)::int AS n FROM workspace_member t
       WHERE t.user_id = $2 AND NOT EXISTS (
         SELECT 1 FROM workspace_member o WHERE o.workspace_id = t.workspace_id AND o.user_id = $1 AND o.role = 'owner')`,
      [ownerId, userId],
    )) as { n: number }[];
    return row?.n === 0;
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.db.query(`UPDATE app_user SET password_hash = $2 WHERE id = $1`, [userId, passwordHash]);
  }

  async createWorkspace(name: string, ownerId: string): Promise<string> {
    return this.db.transaction((tx) => this.createWorkspaceIn(tx, name, ownerId));
  }

  async memberships(userId: string): Promise<Membership[]> {
    return (await this.db.query(
      `SELECT w.id, w.name, m.role FROM workspace_member m JOIN workspace w ON w.id = m.workspace_id
       WHERE m.user_id = $1 ORDER BY m.created_at, w.name`,
      [userId],
    )) as Membership[];
  }

  async members(workspaceId: string): Promise<Member[]> {
    const rows = (await this.db.query(
      `SELECT u.id, u.email, u.name, m.role FROM workspace_member m JOIN app_user u ON u.id = m.user_id
       WHERE m.workspace_id = $1 ORDER BY array_position(ARRAY['owner', 'editor', 'viewer'], m.role), u.email`,
      [workspaceId],
    )) as { id: string; email: string; name: string; role: MemberRole }[];
    return rows.map((r) => ({ userId: r.id, email: r.email, name: r.name, role: r.role }));
  }

  /** Refuses to remove the last owner, so a workspace is never left without one. */
  async removeMember(workspaceId: string, userId: string): Promise<'removed' | 'not-found' | 'last-owner'> {
    return this.db.transaction(async (tx) => {
      const owners = (await tx.query(
        `SELECT user_id FROM workspace_member WHERE workspace_id = $1 AND role = 'owner' FOR UPDATE`,
        [workspaceId],
      )) as { user_id: string }[];
      if (owners.length === 1 && owners[0]?.user_id === userId) return 'last-owner';
      const [, count] = (await tx.query(`DELETE FROM workspace_member WHERE workspace_id = $1 AND user_id = $2`, [
        workspaceId,
        userId,
      ])) as [unknown, number];
      if (count > 0) await tx.query(`UPDATE user_session SET workspace_id = NULL WHERE user_id = $1 AND workspace_id = $2`, [userId, workspaceId]);
      return count > 0 ? 'removed' : 'not-found';
    });
  }

  /**
   * Changes a member's role. The workspace's owners are locked first, as in removeMember, so two
   * owners demoting each other at once cannot leave the workspace without one.
   */
  async setRole(workspaceId: string, userId: string, role: MemberRole): Promise<'changed' | 'not-found' | 'last-owner'> {
    return this.db.transaction(async (tx) => {
      const owners = (await tx.query(
        `SELECT user_id FROM workspace_member WHERE workspace_id = $1 AND role = 'owner' FOR UPDATE`,
        [workspaceId],
      )) as { user_id: string }[];
      if (role !== 'owner' && owners.length === 1 && owners[0]?.user_id === userId) return 'last-owner';
      const [, count] = (await tx.query(`UPDATE workspace_member SET role = $3 WHERE workspace_id = $1 AND user_id = $2`, [
        workspaceId,
        userId,
        role,
      ])) as [unknown, number];
      return count > 0 ? 'changed' : 'not-found';
    });
  }

  private async createWorkspaceIn(tx: EntityManager, name: string, ownerId: string): Promise<string> {
    const [ws] = (await tx.query(`INSERT INTO workspace (name) VALUES ($1) RETURNING id`, [name])) as { id: string }[];
    const id = (ws as { id: string }).id;
    await this.addMember(tx, id, ownerId, 'owner');
    return id;
  }

  private async addMember(tx: Pick<EntityManager, 'query'>, workspaceId: string, userId: string, role: MemberRole): Promise<void> {
    await tx.query(
      `INSERT INTO workspace_member (workspace_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [workspaceId, userId, role],
    );
  }
}
