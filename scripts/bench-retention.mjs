// `npm run bench:retention`: history retention on 100 000 expired operations. Fills a fresh database
// with operations of a realistic size (~2.4 KB each: request, params, three steps), prunes the
// expired ones with the worker's batches (RetentionRepository.pruneBatch, RETENTION_BATCH_SIZE rows,
// RETENTION_PAUSE_MS apart, as RetentionService runs them) while a reader pages through the history
// with the API's own query (OperationsRepository.list), and prints database and table sizes before,
// after the deletes, after a plain VACUUM, and after refilling as many rows (space reuse).
//   BENCH_RETENTION_ROWS (default 100000) expired rows; BENCH_RETENTION_KEEP (default 20000) recent rows
//   RETENTION_BATCH_SIZE (default 1000), RETENTION_PAUSE_MS (default 50)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const ROWS = Number(process.env.BENCH_RETENTION_ROWS ?? 100_000);
const KEEP = Number(process.env.BENCH_RETENTION_KEEP ?? 20_000);
const BATCH = Number(process.env.RETENTION_BATCH_SIZE ?? 1000);
const PAUSE = Number(process.env.RETENTION_PAUSE_MS ?? 50);
const ADMIN = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const say = (s) => process.stdout.write(`${s}\n`);

// Only the data library is needed; building it alone keeps the bench independent of the apps.
if (spawnSync('npx', ['tsc', '-b', 'libs/data/tsconfig.lib.json'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
const { runMigrations, createDataSource, RetentionRepository, OperationsRepository } = require(`${root}libs/data/dist/index.js`);

const dbName = `provod_bench_retention_${Date.now()}`;
const admin = new pg.Client({ connectionString: ADMIN });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const url = new URL(ADMIN);
url.pathname = `/${dbName}`;
const ds = createDataSource(url.toString(), 4);
try {
  await runMigrations(url.toString());
  await ds.initialize();
  const retention = new RetentionRepository(ds);
  const operations = new OperationsRepository(ds);
  const [{ id: workspaceId }] = await ds.query(`SELECT id FROM workspace LIMIT 1`);
  const [{ id: processingId }] = await ds.query(
    `INSERT INTO processing (workspace_id, name, webhook_token, source, actions) VALUES ($1, 'bench', 'bench-token', '{}', '[]') RETURNING id`,
    [workspaceId],
  );

  // Random text does not compress, so the rows are as big on disk as real ones (~24 MB per 10 000).
  const fill = (count, fromDays, toDays) =>
    ds.query(
      `INSERT INTO operation (workspace_id, processing_id, processing_version, status, received_at, started_at, finished_at, request, params, steps, error)
       SELECT $1, $2, 1, CASE WHEN i % 100 < 96 THEN 'succeeded' ELSE 'failed' END, t, t, t + interval '1 second',
         jsonb_build_object('method', 'GET', 'query', jsonb_build_object('r_id', i::text, 'type_id', '1'),
           'headers', jsonb_build_object('user-agent', 'U-ON webhook', 'x-forwarded-for', '203.0.113.7', 'x-trace', md5(i::text || 'h'))),
         jsonb_build_object('r_id', i::text),
         jsonb_build_array(
           jsonb_build_object('key', 'fetch_request', 'status', 'succeeded', 'output', jsonb_build_object('status', 200,
             'body', jsonb_build_object('request', jsonb_build_array(jsonb_build_object('id', i, 'client_name', md5(i::text),
               'note', (SELECT string_agg(md5(i::text || g::text), '') FROM generate_series(1, 24) AS g)))))),
           jsonb_build_object('key', 'fields', 'status', 'succeeded', 'output', jsonb_build_object('id', i, 'name', md5(i::text || 'n'))),
           jsonb_build_object('key', 'send_lead', 'status', 'succeeded', 'output', jsonb_build_object('status', 200,
             'body', jsonb_build_object('lead_id', i, 'trace', (SELECT string_agg(md5(i::text || g::text || 'x'), '') FROM generate_series(1, 8) AS g))))),
         CASE WHEN i % 100 >= 96 THEN '{"code":"http_status","message":"The server answered 500","step":"send_lead"}'::jsonb END
       FROM generate_series(1, $3::int) AS i,
         LATERAL (SELECT now() - make_interval(days => $4) - (($5 - $4) * 86400.0 * i / $3) * interval '1 second' AS t) AS at`,
      [workspaceId, processingId, count, fromDays, toDays],
    );

  const sizes = async (label) => {
    const [row] = await ds.query(
      `SELECT pg_database_size(current_database()) AS db, pg_total_relation_size('operation') AS op, pg_relation_size('operation') AS heap,
         (SELECT count(*) FROM operation)::int AS rows`,
    );
    const mb = (n) => `${(Number(n) / 1024 / 1024).toFixed(1)} MB`;
    say(`${label.padEnd(40)} database ${mb(row.db).padStart(9)}   operation (with indexes, TOAST) ${mb(row.op).padStart(9)}   heap ${mb(row.heap).padStart(9)}   ${row.rows} rows`);
    return row;
  };

  say(`filling ${ROWS} operations 31–90 days old (to prune) and ${KEEP} from the last 30 days (to keep)…`);
  let t0 = performance.now();
  await fill(ROWS, 31, 90);
  await fill(KEEP, 0, 29);
  await ds.query('VACUUM (ANALYZE) operation');
  say(`filled in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  const before = await sizes('before pruning');

  // The reader: the history list as the web app asks for it, newest 50, and 50 rows just above the
  // retention boundary, where the deletes happen.
  const boundary = new Date(Date.now() - 30 * 86400_000).toISOString();
  const listQueries = [
    { limit: 50 },
    { limit: 50, from: boundary },
  ];
  const timings = [];
  const read = async (until) => {
    for (let i = 0; !until(); i++) {
      const started = performance.now();
      await operations.list(workspaceId, processingId, listQueries[i % listQueries.length]);
      timings.push(performance.now() - started);
      await sleep(5);
    }
  };
  const percentile = (list, p) => {
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  };
  const report = (label) => {
    say(`${label.padEnd(40)} history list: ${timings.length} queries, p50 ${percentile(timings, 50).toFixed(1)} ms, p99 ${percentile(timings, 99).toFixed(1)} ms, max ${Math.max(...timings).toFixed(1)} ms`);
    timings.length = 0;
  };

  let idleUntil = performance.now() + 3000;
  await read(() => performance.now() > idleUntil);
  report('without pruning (3 s)');

  let pruning = true;
  const reader = read(() => !pruning);
  t0 = performance.now();
  let deleted = 0;
  let batches = 0;
  const batchMs = [];
  for (const status of ['succeeded', 'failed']) {
    let after = null;
    for (;;) {
      const started = performance.now();
      const batch = await retention.pruneBatch(processingId, status, 30, BATCH, after);
      batchMs.push(performance.now() - started);
      deleted += batch.deleted;
      batches += 1;
      if (batch.deleted < BATCH || !batch.next) break;
      after = batch.next;
      await sleep(PAUSE);
    }
  }
  pruning = false;
  await reader;
  const seconds = (performance.now() - t0) / 1000;
  say(`\npruned ${deleted} operations in ${batches} batches of ${BATCH} (pause ${PAUSE} ms) in ${seconds.toFixed(1)} s: ${Math.round(deleted / seconds)} rows/s; one DELETE p50 ${percentile(batchMs, 50).toFixed(0)} ms, max ${Math.max(...batchMs).toFixed(0)} ms`);
  report('during pruning');
  say('');
  await sizes('after pruning (DELETE only)');
  t0 = performance.now();
  await retention.vacuumHistory();
  say(`plain VACUUM (ANALYZE) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const vacuumed = await sizes('after VACUUM (not FULL)');
  say(`refilling ${ROWS} new operations into the freed space…`);
  await fill(ROWS, 0, 29);
  const refilled = await sizes('after refilling as many rows');
  const growth = Number(refilled.op) - Number(before.op);
  say(`\nthe table grew by ${(growth / 1024 / 1024).toFixed(1)} MB for ${ROWS} new rows after pruning ${ROWS} (without reuse it would be ~${((Number(before.op) * ROWS) / (ROWS + KEEP) / 1024 / 1024).toFixed(0)} MB)`);
  say('DELETE alone frees no disk: the files keep their size and the space is reused by new rows once VACUUM (or autovacuum) has');
  say('marked it free; giving it back to the operating system needs VACUUM FULL, which locks the table, and Provod never runs it.');
  void vacuumed;
} finally {
  await ds.destroy().catch(() => undefined);
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
