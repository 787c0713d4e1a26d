import { appendFileSync, mkdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeEnvybox } from '../../support/fake-envybox';
import type { FaultStack } from './fault-stack';
import { variant } from './fault-variant';
import type { LoadDriver } from './load-driver';
import { sleep } from './net';

const TERMINAL = new Set(['succeeded', 'failed', 'duplicate', 'discarded']);
const outputDir = join(__dirname, '../../../test-output');

export interface CaseFigures {
  name: string;
  acknowledged: number;
  refused: number;
  /** Refusals by status, and how many of them carried Retry-After: "503×40 (Retry-After 40)". */
  refusedDetail: string;
  delivered: number;
  duplicate: number;
  lost: number;
  stuck: number;
  failed: number;
  /** From the end of the fault until every acknowledged event was finished; null if they never were. */
  recoverySeconds: number | null;
  notes: string[];
}

export interface Observed {
  figures: CaseFigures;
  /** Event keys Envybox received more than once, with the Idempotency-Key of each copy. */
  duplicates: Map<string, Array<string | undefined>>;
  statuses: Map<string, string>;
}

async function statusesOf(stack: FaultStack, driver: LoadDriver): Promise<Map<string, string>> {
  const byOperation = new Map([...driver.acknowledged].map(([key, ack]) => [ack.operationId, key]));
  const rows = await stack.sql<{ id: string; status: string }>('SELECT id, status FROM operation WHERE id = ANY($1::uuid[])', [[...byOperation.keys()]]);
  return new Map(rows.map((r) => [byOperation.get(r.id) as string, r.status]));
}

/**
 * Waits until every event `driver` got acknowledged is finished (or the variant's settle timeout passes),
 * then two quiet seconds more, so a late second send still shows; then counts.
 */
export async function observe(name: string, stack: FaultStack, driver: LoadDriver, envybox: FakeEnvybox, faultEndedAt: number): Promise<Observed> {
  const deadline = Date.now() + variant.settleTimeoutMs;
  let statuses = new Map<string, string>();
  let recoverySeconds: number | null = null;
  while (Date.now() < deadline) {
    statuses = await statusesOf(stack, driver).catch(() => statuses);
    const finished = [...driver.acknowledged.keys()].every((key) => TERMINAL.has(statuses.get(key) ?? ''));
    if (finished) {
      recoverySeconds = Math.max(0, (Date.now() - faultEndedAt) / 1000);
      break;
    }
    await sleep(250);
  }
  await sleep(2_000);
  statuses = await statusesOf(stack, driver);
  const leads = envybox.leadsByKey();
  const duplicates = new Map<string, Array<string | undefined>>();
  // Only this case's events: a fake Envybox shared by several cases still holds the earlier ones.
  for (const [key, copies] of leads) if (driver.sent.has(key) && copies.length > 1) duplicates.set(key, copies.map((c) => c.idempotencyKey));
  const acknowledgedKeys = [...driver.acknowledged.keys()];
  const refusedByStatus = new Map<number, { count: number; retryAfter: number }>();
  for (const r of driver.refused) {
    const entry = refusedByStatus.get(r.status) ?? { count: 0, retryAfter: 0 };
    entry.count++;
    if (r.retryAfter !== null) entry.retryAfter++;
    refusedByStatus.set(r.status, entry);
  }
  const figures: CaseFigures = {
    name,
    acknowledged: acknowledgedKeys.length,
    refused: driver.refused.length,
    refusedDetail: [...refusedByStatus]
      .map(([status, { count, retryAfter }]) => `${status === 0 ? 'no answer' : status}×${count}${status === 0 ? '' : ` (Retry-After ${retryAfter})`}`)
      .join(', '),
    delivered: acknowledgedKeys.filter((key) => leads.has(key)).length,
    duplicate: [...duplicates.values()].reduce((sum, copies) => sum + copies.length - 1, 0),
    lost: acknowledgedKeys.filter((key) => !leads.has(key)).length,
    stuck: acknowledgedKeys.filter((key) => !TERMINAL.has(statuses.get(key) ?? '')).length,
    failed: acknowledgedKeys.filter((key) => statuses.get(key) === 'failed').length,
    recoverySeconds,
    notes: [],
  };
  return { figures, duplicates, statuses };
}

/**
 * The duplicate rule of the delivery guarantee. Without a kill: no event reaches Envybox twice. After
 * kill -9: only an event whose operation was running at a kill may, and every copy of it carries one
 * and the same Idempotency-Key, so the receiver can tell it is a repeat.
 */
export function duplicateRuleViolations(observed: Observed, inFlightAtKills?: Set<string>): string[] {
  const violations: string[] = [];
  for (const [key, idempotencyKeys] of observed.duplicates) {
    if (!inFlightAtKills) {
      violations.push(`event ${key} reached Envybox ${idempotencyKeys.length} times with no process killed`);
      continue;
    }
    if (!inFlightAtKills.has(key)) violations.push(`event ${key} reached Envybox ${idempotencyKeys.length} times but was not in flight at a kill`);
    const first = idempotencyKeys[0];
    if (!first || idempotencyKeys.some((k) => k !== first)) {
      violations.push(`event ${key} reached Envybox ${idempotencyKeys.length} times with Idempotency-Keys ${JSON.stringify(idempotencyKeys)}`);
    }
  }
  return violations;
}

/** What must hold in every case: nothing acknowledged is lost or left unfinished. */
export function lossViolations(figures: CaseFigures): string[] {
  const violations: string[] = [];
  if (figures.lost) violations.push(`${figures.lost} acknowledged events never reached Envybox (${figures.failed} failed, ${figures.stuck} unfinished)`);
  if (figures.stuck) violations.push(`${figures.stuck} acknowledged operations were still unfinished after ${variant.settleTimeoutMs / 1000} s`);
  if (figures.acknowledged === 0) violations.push('no event was acknowledged: the case measured nothing');
  return violations;
}

const columns = ['acknowledged', 'refused', 'delivered', 'duplicate', 'lost', 'stuck', 'failed'] as const;

/** One line per case on the terminal, and one JSON line in test-output/faults-<variant>.jsonl. */
export function report(figures: CaseFigures): void {
  const counts = columns.map((c) => `${c} ${figures[c]}`).join(' · ');
  const recovery = figures.recoverySeconds === null ? 'never' : `${figures.recoverySeconds.toFixed(1)} s`;
  const refused = figures.refusedDetail ? ` [refused: ${figures.refusedDetail}]` : '';
  const notes = figures.notes.length ? `\n    ${figures.notes.join('\n    ')}` : '';
  // Straight to the terminal: jest buffers process.stdout and may drop what is pending when it exits.
  writeSync(1, `\n[fault ${variant.name}] ${figures.name}: ${counts} · recovery ${recovery}${refused}${notes}\n`);
  mkdirSync(outputDir, { recursive: true });
  appendFileSync(join(outputDir, `faults-${variant.name}.jsonl`), `${JSON.stringify({ at: new Date().toISOString(), variant: variant.name, ...figures })}\n`);
}

/** p50/p99 from receipt to finish of the acknowledged operations in `keys`. */
export async function endToEndMs(stack: FaultStack, driver: LoadDriver, keys: string[]): Promise<{ p50: number; p99: number; count: number }> {
  const ids = keys.map((k) => driver.acknowledged.get(k)?.operationId).filter(Boolean);
  const rows = await stack.sql<{ ms: number }>(
    `SELECT EXTRACT(EPOCH FROM finished_at - received_at)::float8 * 1000 AS ms FROM operation WHERE id = ANY($1::uuid[]) AND finished_at IS NOT NULL ORDER BY 1`,
    [ids],
  );
  const at = (p: number) => (rows.length ? Number(rows[Math.min(rows.length - 1, Math.floor(p * rows.length))]!.ms) : NaN);
  return { p50: at(0.5), p99: at(0.99), count: rows.length };
}
