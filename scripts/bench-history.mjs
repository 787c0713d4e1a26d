// `npm run bench:history`: the history screen's queries on a million operations. Fills a fresh
// database, starts the API, and times (p50 and p95 of 20) the pages the web app asks for.
//   BENCH_HISTORY_ROWS (default 1000000); BENCH_KEEP_DB=1 keeps the database (its name is printed) to look at plans
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const ROWS = Number(process.env.BENCH_HISTORY_ROWS ?? 1_000_000);
const ADMIN = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PORT = Number(process.env.BENCH_PORT ?? 3198);
const base = `http://127.0.0.1:${PORT}`;
const say = (s) => process.stdout.write(`${s}\n`);

if (!existsSync(`${root}apps/api/dist/main.js`)) {
  if (spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}
const dbName = `provod_bench_history_${Date.now()}`;
const admin = new pg.Client({ connectionString: ADMIN });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const url = new URL(ADMIN);
url.pathname = `/${dbName}`;
await require(`${root}libs/data/dist/index.js`).runMigrations(url.toString());
const env = { ...process.env, NODE_ENV: 'production', PROVOD_SECRET_KEY: 'bench', DATABASE_URL: url.toString(), QUEUE_PREFIX: dbName, PORT: String(PORT), LOG_LEVEL: 'warn', WEB_DIST: '/nonexistent' };
const api = spawn(process.execPath, ['apps/api/dist/main.js'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
const db = new pg.Client({ connectionString: url.toString() });
try {
  for (let i = 0; i < 100 && !(await fetch(`${base}/api/health`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 200));
  const signup = await fetch(`${base}/api/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@example.com', password: 'bench password' }) });
  const cookies = Object.fromEntries(signup.headers.getSetCookie().map((c) => c.split(';')[0].split('=')));
  const headers = { cookie: `provod_session=${cookies.provod_session}`, 'x-csrf-token': cookies.provod_csrf, 'content-type': 'application/json' };
  const created = await (await fetch(`${base}/api/processings`, { method: 'POST', headers, body: JSON.stringify({ name: 'history bench', source: { parameters: [{ name: 'r_id' }] } }) })).json();

  await db.connect();
  say(`filling ${ROWS} operations (95% succeeded, 4% failed, 1% held; r_id cycles over 100 000 values)…`);
  const t0 = performance.now();
  await db.query(
    `INSERT INTO operation (workspace_id, processing_id, processing_version, status, received_at, started_at, finished_at, request, params, steps, error)
     SELECT p.workspace_id, p.id, 1,
       CASE WHEN i % 100 < 95 THEN 'succeeded' WHEN i % 100 < 99 THEN 'failed' ELSE 'held' END,
       now() - make_interval(secs => i * 2), now() - make_interval(secs => i * 2), now() - make_interval(secs => i * 2 - 1),
       jsonb_build_object('method', 'GET', 'query', jsonb_build_object('r_id', (i % 100000)::text), 'headers', '{}'::jsonb, 'contentType', null, 'bodyText', null, 'bodyEncoding', 'utf8', 'body', null),
       jsonb_build_object('r_id', (i % 100000)::text),
       '[]'::jsonb,
       CASE WHEN i % 100 BETWEEN 95 AND 98 THEN '{"code":"http_status","message":"The server answered 500","step":"Fetch"}'::jsonb END
     FROM processing p, generate_series(1, $2::int) AS i WHERE p.id = $1`,
    [created.id, ROWS],
  );
  // What autovacuum does on a live table soon after such a fill: statistics and the visibility map.
  await db.query('VACUUM ANALYZE operation');
  say(`filled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const time = async (label, path) => {
    const runs = [];
    let body;
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      const res = await fetch(`${base}${path}`, { headers });
      body = await res.json();
      if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
      runs.push(performance.now() - start);
    }
    runs.sort((a, b) => a - b);
    const p95 = runs[Math.ceil(0.95 * runs.length) - 1];
    say(`${label.padEnd(52)} p50 ${runs[runs.length >> 1].toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms   (${body.items?.length ?? '-'} rows)`);
    return body;
  };
  const list = `/api/processings/${created.id}/operations`;
  say('');
  let page = await time('newest 50', `${list}?limit=50`);
  // Walk 200 pages deep with the cursor, as "load more" does, then time the page there.
  for (let i = 0; i < 200; i++) page = await (await fetch(`${base}${list}?limit=50&cursor=${page.nextCursor}`, { headers })).json();
  await time('page 201 (10 000 rows deep) by cursor', `${list}?limit=50&cursor=${page.nextCursor}`);
  await time('failed only, newest 50', `${list}?limit=50&status=failed`);
  await time('held only, newest 50', `${list}?limit=50&status=held`);
  const from = new Date(Date.now() - 10 * 86400_000).toISOString();
  const to = new Date(Date.now() - 9 * 86400_000).toISOString();
  await time('one day ten days ago, newest 50', `${list}?limit=50&from=${from}&to=${to}`);
  await time('search r_id = 61 (10 matches)', `${list}?limit=50&param=r_id&value=61`);
  await time('processings list stats (24 h counts)', '/api/processings/stats');
  await time('chart, 7 days', `/api/processings/${created.id}/chart?range=7d`);
} finally {
  api.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await db.end().catch(() => {});
  if (process.env.BENCH_KEEP_DB === '1') say(`kept database ${dbName}`);
  else await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  await admin.end();
}
