import { FIRST_WORKSPACE_ID } from '@provod/data';
import { randomBytes } from 'node:crypto';
import type { RepositoryDatabase } from '../support/repository-database';

/**
 * Rows written with plain SQL, so that a spec of one repository does not depend on another one
 * being right. Only the columns a test cares about are given; the schema's defaults do the rest.
 */
type Sql = RepositoryDatabase['sql'];

const unique = () => randomBytes(6).toString('hex');

/** One action as stored in `processing.actions`; repositories never look inside its settings. */
export const anAction = (id = 'a1') => ({ id, key: `step_${id}`, type: 'json_composer', name: `Step ${id}`, settings: { template: '{}' } });

export async function workspace(sql: Sql, name = `Workspace ${unique()}`): Promise<string> {
  const [row] = await sql<{ id: string }>(`INSERT INTO workspace (name) VALUES ($1) RETURNING id`, [name]);
  return row!.id;
}

export async function user(sql: Sql, email = `user-${unique()}@example.com`, name = 'Test User'): Promise<string> {
  const [row] = await sql<{ id: string }>(`INSERT INTO app_user (email, name, password_hash) VALUES ($1, $2, 'hash') RETURNING id`, [
    email,
    name,
  ]);
  return row!.id;
}

export async function member(sql: Sql, workspaceId: string, userId: string, role: 'owner' | 'editor' | 'viewer'): Promise<void> {
  await sql(`INSERT INTO workspace_member (workspace_id, user_id, role) VALUES ($1, $2, $3)`, [workspaceId, userId, role]);
}

export interface ProcessingFixture {
  id: string;
  workspaceId: string;
  token: string;
  version: number;
}

/** A processing with a saved copy of each of its versions (a claim joins the version it runs). */
export async function processing(
  sql: Sql,
  options: { workspaceId?: string; status?: 'running' | 'stopped'; actions?: unknown[]; source?: unknown; versions?: number; name?: string } = {},
): Promise<ProcessingFixture> {
  const workspaceId = options.workspaceId ?? FIRST_WORKSPACE_ID;
  const actions = options.actions ?? [anAction()];
  const versions = options.versions ?? 1;
  const token = `token-${unique()}`;
  const [row] = await sql<{ id: string }>(
    `INSERT INTO processing (workspace_id, name, status, webhook_token, version, source, actions)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [workspaceId, options.name ?? 'Processing', options.status ?? 'running', token, versions, JSON.stringify(options.source ?? { type: 'webhook' }), JSON.stringify(actions)],
  );
  for (let v = 1; v <= versions; v += 1) {
    await sql(`INSERT INTO processing_version (processing_id, version, workspace_id, source, actions) VALUES ($1, $2, $3, '{}', $4)`, [
      row!.id,
      v,
      workspaceId,
      JSON.stringify(v === versions ? actions : [anAction(`v${v}`)]),
    ]);
  }
  return { id: row!.id, workspaceId, token, version: versions };
}

export interface OperationOptions {
  status?: string;
  version?: number;
  /** An SQL interval before now, e.g. '2 days'; default now. */
  receivedAgo?: string;
  /** An exact time, for ties and keyset edges. */
  receivedAt?: string;
  finishedAgo?: string | null;
  leaseIn?: string | null;
  steps?: unknown[];
  params?: Record<string, unknown>;
  error?: unknown;
  replayOf?: string;
  attempts?: number;
}

export async function operation(sql: Sql, p: ProcessingFixture, o: OperationOptions = {}): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `INSERT INTO operation (workspace_id, processing_id, processing_version, status, request, params, steps, error, received_at,
       finished_at, lease_until, replay_of, attempts)
     VALUES ($1, $2, $3, $4, '{"method":"POST","query":{},"headers":{},"body":{}}', $5, $6, $7,
       COALESCE($8::timestamptz, clock_timestamp() - COALESCE($9, '0')::interval),
       CASE WHEN $10::text IS NOT NULL THEN now() - $10::interval END,
       CASE WHEN $11::text IS NOT NULL THEN now() + $11::interval END, $12, $13)
     RETURNING id`,
    [
      p.workspaceId,
      p.id,
      o.version ?? p.version,
      o.status ?? 'queued',
      JSON.stringify(o.params ?? {}),
      JSON.stringify(o.steps ?? []),
      o.error === undefined ? null : JSON.stringify(o.error),
      o.receivedAt ?? null,
      o.receivedAgo ?? null,
      o.finishedAgo ?? null,
      o.leaseIn ?? null,
      o.replayOf ?? null,
      o.attempts ?? 0,
    ],
  );
  return row!.id;
}

/** A step as the engine records it, enough for the repositories (which only read status and halted). */
export const aStep = (actionId: string, status: 'succeeded' | 'failed', extra: Record<string, unknown> = {}) => ({
  actionId,
  key: `step_${actionId}`,
  type: 'json_composer',
  name: `Step ${actionId}`,
  status,
  attempt: 1,
  input: null,
  startedAt: '2026-01-01T10:00:00.000Z',
  durationMs: 1,
  ...extra,
});
