import { z } from 'zod';

const bool = z
  .string()
  .optional()
  .transform((v) => v === '1' || v === 'true');

/** Every setting Provod reads from the environment, with its default. README lists them. */
const configSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/provod'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  /** Keeps the queues of several installations (or test runs) apart on one Redis. */
  QUEUE_PREFIX: z.string().default('provod'),
  /** Where users reach Provod (links in e-mails); defaults to http://localhost:PORT. */
  PUBLIC_URL: z.string().optional(),
  /** Write logs to this file instead of standard output. */
  LOG_FILE: z.string().optional(),
  /** auto: readable lines in a terminal, JSON otherwise. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEBHOOK_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  PROVOD_SECRET_KEY: z.string().optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
  /**
   * The worker's CPU priority (nice, 0-19). Above 0 it yields the CPU to an API on the same machine:
   * a webhook is answered as soon as it is stored, never after background work that happens to run.
   */
  WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /**
   * Threads (per worker or API process) that render and parse large or runaway steps, stoppable at a
   * deadline. 0 renders everything in the process itself: a runaway template then blocks it up to 2 s.
   */
  SANDBOX_THREADS: z.coerce.number().int().min(0).max(64).default(2),
  /** Heap of one sandbox thread: a step that needs more fails as template_too_large, the process carries on. */
  SANDBOX_MEMORY_MB: z.coerce.number().int().min(16).max(16_384).default(256),
  /** A sandbox task still running this long after it started has its thread terminated and replaced. */
  SANDBOX_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  /** Requests in flight to one destination host at once, across every worker process and processing. */
  DESTINATION_HOST_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Per-host exceptions to the above: `api.u-on.ru=4, crm.example.com:8443=20` (host names as in the URL). */
  DESTINATION_HOST_CONCURRENCY_OVERRIDES: z
    .string()
    .optional()
    .transform((v, ctx): Record<string, number> => {
      const overrides: Record<string, number> = {};
      for (const entry of (v ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
        const [host, limit] = entry.split('=').map((s) => s.trim());
        const n = Number(limit);
        if (!host || !Number.isInteger(n) || n < 1) {
          ctx.addIssue({ code: 'custom', message: `"${entry}" is not host=limit with a whole number of at least 1` });
          continue;
        }
        overrides[host.toLowerCase()] = n;
      }
      return overrides;
    }),
  /** How long a running operation may go without news before the reconciler takes it back. */
  OPERATION_LEASE_MS: z.coerce.number().int().min(1000).default(5 * 60_000),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  /** An operation still queued after this long is re-enqueued (its job was lost, e.g. Redis restarted). */
  RECONCILE_QUEUED_AFTER_MS: z.coerce.number().int().min(0).default(30_000),
  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  /** A job whose worker stops renewing its lock for this long (the process died) goes back to the queue. */
  JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  /**
   * How often workers look for jobs whose lock has lapsed. Well below the lock, so a job of a dead
   * worker is back within about lock + this.
   */
  JOB_STALLED_CHECK_MS: z.coerce.number().int().min(500).default(10_000),
  /**
   * How long a worker keeps a step's result in memory and retries recording it while PostgreSQL is
   * unavailable, instead of letting the step run again.
   */
  DB_WRITE_RETRY_MS: z.coerce.number().int().min(0).default(180_000),
  /** Health says `degraded` when the oldest waiting event has waited longer than this. */
  HEALTH_MAX_WAIT_SECONDS: z.coerce.number().int().min(1).default(60),
  /** Identical warnings within this window are written once, then as one line with their count. */
  LOG_REPEAT_WINDOW_MS: z.coerce.number().int().min(0).default(10_000),
  WEB_DIST: z.string().optional(),
  /** Prometheus metrics: off unless set; then /metrics (API) and the worker's metrics port need `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined),
  /** Where each worker process serves its /metrics (when METRICS_TOKEN is set); 0 picks a free port. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  WORKER_METRICS_HOST: z.string().default('0.0.0.0'),
  /** The API and the worker apply pending migrations when they start (under a lock); 0 leaves it to `npm run migrate`. */
  MIGRATE_ON_START: z
    .string()
    .optional()
    .transform((v) => v !== '0' && v !== 'false'),
  /** Anyone may sign up (getting a workspace of their own); otherwise only the first owner and invitees. */
  SIGNUP_OPEN: bool,
  /** Creates the owner account at the first start, instead of the sign-up page. */
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(10, 'use at least 10 characters').optional(),
  SESSION_TTL_MS: z.coerce.number().int().min(60_000).default(30 * 24 * 3600_000),
  /**
   * Internal destinations the HTTP request action may call anyway: CIDRs, addresses or host names.
   * Kept as written: the outbound address policy (libs/actions) is what parses and checks it, so the
   * rules its tests pin down are the ones that run.
   */
  OUTBOUND_ALLOWLIST: z.string().default(''),
  /** Events per second one webhook URL accepts before answering 429. */
  WEBHOOK_RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(1).default(200),
  /**
   * Which proxies may set X-Forwarded-For (the client address limits count by): a hop count (`1`) or
   * comma-separated addresses/CIDRs (`10.0.0.0/8, 127.0.0.1`, also `loopback`). Unset: none, the socket address counts.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v): number | string[] | false => {
      const text = v?.trim();
      if (!text) return false;
      if (/^\d+$/.test(text)) return Number(text);
      return text.split(',').map((s) => s.trim()).filter(Boolean);
    }),
  /** Failed sign-ins per e-mail and address within 15 minutes before sign-in is refused for a while. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(10),
  SERVE_WEB: bool,
  /** Where alert e-mails go out (`smtp://user:pass@host:587`, `smtps://…`); unset, alerts wait as pending. */
  SMTP_URL: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined),
  SMTP_FROM: z.string().min(3).default('Provod <provod@localhost>'),
  /** After a processing's first alert, its further failures within this window are mailed as one digest. */
  ALERT_WINDOW_MS: z.coerce.number().int().min(1000).default(15 * 60_000),
  /** Comma list; used when a processing has no recipients and its workspace has no owner. */
  ALERT_DEFAULT_RECIPIENTS: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
  /** How often the worker prunes history older than each workspace's retention. */
  RETENTION_INTERVAL_MS: z.coerce.number().int().min(1000).default(60 * 60_000),
  /** Operations deleted per statement: small, so no delete holds locks or the WAL for long. */
  RETENTION_BATCH_SIZE: z.coerce.number().int().min(1).max(100_000).default(1000),
  /** Pause between two batches, leaving the database to everything else. */
  RETENTION_PAUSE_MS: z.coerce.number().int().min(0).default(50),
});

export type ProvodConfig = Omit<z.infer<typeof configSchema>, 'PUBLIC_URL'> & { PUBLIC_URL: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ProvodConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return { ...parsed.data, PUBLIC_URL: parsed.data.PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}` };
}
