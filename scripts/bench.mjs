// `npm run bench`: drives the U-ON → Envybox processing with many webhooks against local fake
// upstreams and prints ingest and end-to-end figures. API and worker run as separate processes,
// as in production; PostgreSQL and Redis are the local ones (a fresh database per run).
//   BENCH_WEBHOOKS (default 5000)  BENCH_CONCURRENCY (default 50)  BENCH_WORKER_CONCURRENCY (default 50)
//   BENCH_WORKER_LATE=1: start the worker only after every webhook is acknowledged, to measure ingest
//   alone and then how fast the worker drains a backlog (on 2 cores the two otherwise share the CPU);
//   the API's CPU per webhook is then the API's alone.
//   BENCH_RSS_EVERY_S (default 10): how often each process's resident memory is sampled; the summary
//   shows it at the start, its peak and at the end, and a dozen samples spread over the run (a soak:
//   many webhooks at a pace the worker keeps up with, e.g. BENCH_WEBHOOKS=120000 BENCH_RATE=200).
//   BENCH_RATE: webhooks per second at most (default: as fast as the API answers), so a soak measures
//   a steady state instead of a backlog growing in Redis and PostgreSQL.
//   BENCH_API_PROCESSES, BENCH_WORKERS (default 1 each): scale out on one PostgreSQL and Redis; the
//   webhooks are spread over the API processes in turn, and every lead is checked for loss or repeat.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const root = new URL('..', import.meta.url).pathname;
const TOTAL = Number(process.env.BENCH_WEBHOOKS ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const RATE = Number(process.env.BENCH_RATE ?? 0);
const ADMIN = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PORT = Number(process.env.BENCH_PORT ?? 3199);
const base = `http://127.0.0.1:${PORT}`;
const say = (s) => process.stdout.write(`${s}\n`);

const uonRecord = JSON.parse(readFileSync(`${root}tests/fixtures/uon/request-61.json`, 'utf8')).request[0];

function listen(handler) {
  return new Promise((resolve) => {
    const server = createServer(handler);
    server.keepAliveTimeout = 60_000;
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const body = (req) =>
  new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

const delivered = new Map(); // r_id → number of leads Envybox received for it

async function main() {
  if (!existsSync(`${root}apps/api/dist/main.js`) || !existsSync(`${root}apps/worker/dist/main.js`)) {
    say('building…');
    if (spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  }
  const uon = await listen(async (req, res) => {
    await body(req);
    const id = /\/request\/(\d+)\.json$/.exec(req.url)?.[1];
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ request: [{ ...uonRecord, id: Number(id) }] }));
  });
  const envybox = await listen(async (req, res) => {
    const lead = JSON.parse(await body(req));
    const rId = /#(\d+)/.exec(lead.request.values.comment)?.[1];
    delivered.set(rId, (delivered.get(rId) ?? 0) + 1);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 1, message: 'success', status_code: 200 }));
  });

  const dbName = `provod_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const dbUrl = new URL(ADMIN);
  dbUrl.pathname = `/${dbName}`;
  const require = (await import('node:module')).createRequire(import.meta.url);
  await require(`${root}libs/data/dist/index.js`).runMigrations(dbUrl.toString());

  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PROVOD_SECRET_KEY: 'bench',
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL,
    QUEUE_PREFIX: dbName,
    PORT: String(PORT),
    LOG_LEVEL: 'warn',
    WEB_DIST: '/nonexistent',
    OUTBOUND_ALLOWLIST: '127.0.0.0/8',
    WEBHOOK_RATE_LIMIT_PER_SECOND: '100000',
    WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY ?? '50',
  };
  const late = process.env.BENCH_WORKER_LATE === '1';
  const apiCount = Number(process.env.BENCH_API_PROCESSES ?? 1);
  const workerCount = Number(process.env.BENCH_WORKERS ?? 1);
  const apiBases = Array.from({ length: apiCount }, (_, i) => `http://127.0.0.1:${PORT + i}`);
  const startProcess = (entry, extraEnv = {}) =>
    spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), entry], { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'ignore', 'inherit'] });
  const startWorkers = () => Array.from({ length: workerCount }, () => startProcess('apps/worker/dist/main.js'));
  const procs = apiBases.map((_, i) => startProcess('apps/api/dist/main.js', { PORT: String(PORT + i) }));
  if (!late) procs.push(...startWorkers());
  const db = new pg.Client({ connectionString: dbUrl.toString() });
  try {
    for (const api of apiBases) {
      for (let i = 0; i < 100; i++) {
        if (await fetch(`${api}/api/health`).then((r) => r.ok, () => false)) break;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    let cookie = '';
    let csrf = '';
    const call = async (method, path, payload) => {
      const r = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
        body: payload && JSON.stringify(payload),
      });
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
      if (path === '/api/auth/signup') {
        const cookies = Object.fromEntries(r.headers.getSetCookie().map((c) => c.split(';')[0].split('=')));
        cookie = `provod_session=${cookies.provod_session}`;
        csrf = cookies.provod_csrf;
      }
      return r.json();
    };
    await call('POST', '/api/auth/signup', { email: 'bench@example.com', password: 'bench password' });
    const template = readFileSync(`${root}templates/uon-to-envybox.json`, 'utf8')
      .replaceAll('https://api.u-on.ru', `http://127.0.0.1:${uon.address().port}`)
      .replaceAll('https://ACCOUNT.envycrm.com', `http://127.0.0.1:${envybox.address().port}`);
    await call('PUT', '/api/secrets/UON_KEY', { value: 'bench-uon-key' });
    await call('PUT', '/api/secrets/ENVYBOX_KEY', { value: 'bench-envybox-key' });
    const processing = await call('POST', '/api/processings/import', JSON.parse(template));
    await call('POST', `/api/processings/${processing.id}/start`);

    const rssEveryMs = Number(process.env.BENCH_RSS_EVERY_S ?? 10) * 1000;
    const rssOf = (child) => {
      try {
        return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024);
      } catch {
        return null;
      }
    };
    const rss = new Map();
    const sampleRss = () => procs.forEach((child, i) => rss.set(i, [...(rss.get(i) ?? []), rssOf(child)]));
    sampleRss();
    const rssTimer = setInterval(sampleRss, rssEveryMs);
    // CPU seconds (user + system) a process has used so far, from /proc (clock ticks of 10 ms).
    const cpuOf = (child) => {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return (Number(fields[11]) + Number(fields[12])) / 100;
      } catch {
        return null;
      }
    };
    const apiProcs = procs.slice(0, apiCount);
    const apiCpuBefore = apiProcs.map(cpuOf);
    say(`sending ${TOTAL} U-ON webhooks (GET, query string), ${CONCURRENCY} at a time, to ${apiCount} API and ${workerCount} worker process(es)…`);
    const latencies = [];
    let acked = 0;
    let refused = 0;
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < TOTAL) {
          const slot = next++;
          const rId = 100000 + slot;
          if (RATE > 0) {
            const due = t0 + (slot * 1000) / RATE;
            const now = performance.now();
            if (due > now) await new Promise((r) => setTimeout(r, due - now));
          }
          const start = performance.now();
          const api = apiBases[rId % apiCount];
          const r = await fetch(`${api}/hooks/${processing.webhookToken}?uon_id=12345&type_id=2&r_id=${rId}`).catch(() => null);
          latencies.push(performance.now() - start);
          if (r?.status === 200) acked++;
          else refused++;
          await r?.arrayBuffer();
        }
      }),
    );
    const ingestSeconds = (performance.now() - t0) / 1000;
    const apiCpuSeconds = apiProcs.reduce((sum, child, i) => sum + ((cpuOf(child) ?? 0) - (apiCpuBefore[i] ?? 0)), 0);
    const drainStart = performance.now();
    if (late) procs.push(...startWorkers());

    await db.connect();
    let finished = 0;
    const deadline = Date.now() + 10 * 60_000;
    while (Date.now() < deadline) {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM operation WHERE status IN ('succeeded', 'failed')`);
      finished = rows[0].n;
      if (finished >= acked) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const drainSeconds = (performance.now() - drainStart) / 1000;
    clearInterval(rssTimer);
    sampleRss();
    const { rows: [stats] } = await db.query(`
      SELECT count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded,
             count(*) FILTER (WHERE status = 'failed')::int AS failed,
             count(*)::int AS stored,
             EXTRACT(EPOCH FROM max(finished_at) - min(received_at))::float8 AS span,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM finished_at - received_at) * 1000) AS e2e_p50,
             percentile_cont(0.99) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM finished_at - received_at) * 1000) AS e2e_p99
      FROM operation`);
    latencies.sort((a, b) => a - b);
    const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
    const duplicates = [...delivered.values()].filter((n) => n > 1).length;
    say('');
    say(`webhooks sent:               ${TOTAL}`);
    say(`acknowledged (200):          ${acked}   refused: ${refused}`);
    say(`ingest rate:                 ${(acked / ingestSeconds).toFixed(0)} webhooks/s acknowledged`);
    // Alone on the API only with BENCH_WORKER_LATE=1; otherwise the worker shares the machine meanwhile.
    say(`API CPU while ingesting:     ${((apiCpuSeconds * 1000) / Math.max(1, acked)).toFixed(2)} ms per webhook${late ? ' (worker not started yet)' : ''}`);
    say(`ack latency:                 p50 ${pct(50)} ms, p99 ${pct(99)} ms`);
    say(`stored operations:           ${stats.stored}`);
    say(`end-to-end throughput:       ${(stats.succeeded / stats.span).toFixed(0)} operations/s (first receipt to last finish)`);
    if (late) say(`worker drain rate:           ${(stats.succeeded / drainSeconds).toFixed(0)} operations/s (backlog of ${acked}, worker started after ingest)`);
    say(`end-to-end latency:          p50 ${Number(stats.e2e_p50).toFixed(0)} ms, p99 ${Number(stats.e2e_p99).toFixed(0)} ms`);
    say(`succeeded / failed:          ${stats.succeeded} / ${stats.failed}`);
    say(`delivered to Envybox:        ${delivered.size} distinct leads, ${duplicates} duplicated`);
    say(`lost (acked, not delivered): ${acked - [...delivered.keys()].length}`);
    for (const [i, samples] of rss) {
      const known = samples.filter((v) => v !== null);
      const role = i < apiCount ? `API ${i + 1}` : `worker ${i - apiCount + 1}`;
      say(`RSS ${role.padEnd(24)} start ${known[0]} MB, peak ${Math.max(...known)} MB, end ${known[known.length - 1]} MB (${known.length} samples)`);
      const step = Math.max(1, Math.floor(known.length / 12));
      const spread = known.filter((_, k) => k % step === 0 || k === known.length - 1);
      say(`    every ${((step * rssEveryMs) / 1000).toFixed(0)} s: ${spread.join(' ')} MB`);
    }
  } finally {
    procs.forEach((p) => p.kill('SIGTERM'));
    await new Promise((r) => setTimeout(r, 1000));
    await db.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await admin.end();
    uon.close();
    envybox.close();
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error.stack}\n`);
  process.exit(1);
});
