import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedLead {
  url: string;
  contentType: string | undefined;
  raw: string;
  body: unknown;
  /** The `Idempotency-Key` header the sender put on this request, if any. */
  idempotencyKey: string | undefined;
  /** What identifies the event this lead came from (see `leadKeyOf`): two leads with one key are a duplicate. */
  key: string | undefined;
  at: number;
}

/** The U-ON request id the shipped template writes into the lead's comment ("U-ON заявка #61 …"). */
export function leadKeyOf(body: unknown): string | undefined {
  const comment = (body as { request?: { values?: { comment?: unknown } } }).request?.values?.comment;
  return typeof comment === 'string' ? /#(\d+)/.exec(comment)?.[1] : undefined;
}

/** Answers like Envybox's `POST /openapi/v1/lead/set/?api_key=…` and keeps every lead it got. */
export class FakeEnvybox {
  readonly leads: ReceivedLead[] = [];
  /** Answers to give before accepting leads, one per call (e.g. a 429 with Retry-After). */
  failures: Array<{ status: number; headers?: Record<string, string> }> = [];
  calls = 0;
  /** Holds each lead this long before accepting it; a caller that disconnects meanwhile leaves no lead. */
  delayMs = 0;
  /** Called as each request arrives (before any delay). */
  onRequest?: () => void;
  /**
   * Accept each lead with a 200 and then send the body one byte a second, never finishing it (until the
   * caller hangs up): a sender that retries on the body timeout would send a second POST.
   */
  dribble = false;
  /** Called right after a lead was accepted and answered 200: the instant a crash is most harmful. */
  onAnswered?: (lead: ReceivedLead) => void;
  /** Requests that arrived and are not answered yet. */
  inFlight = 0;
  private server?: Server;
  private nextId = 182423;
  url = '';

  constructor(public apiKey = 'envy-test-key-77d2e0') {}

  /** `host` may be another loopback address (127.0.0.2) so two fakes count as two destination hosts. */
  async start(host = '127.0.0.1'): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, host, resolve));
    this.url = `http://${host}:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Every lead received, grouped by the event it came from (`leadKeyOf`). */
  leadsByKey(): Map<string, ReceivedLead[]> {
    const byKey = new Map<string, ReceivedLead[]>();
    for (const lead of this.leads) {
      if (lead.key === undefined) continue;
      byKey.set(lead.key, [...(byKey.get(lead.key) ?? []), lead]);
    }
    return byKey;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.inFlight++;
      res.on('close', () => this.inFlight--);
      this.onRequest?.();
      if (this.delayMs > 0) {
        let gone = false;
        res.on('close', () => (gone = !res.writableFinished));
        setTimeout(() => (gone ? undefined : this.answer(req, res, chunks)), this.delayMs);
        return;
      }
      this.answer(req, res, chunks);
    });
  }

  private answer(req: IncomingMessage, res: ServerResponse, chunks: Buffer[]): void {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    this.calls++;
    const failure = this.failures.shift();
    if (failure) {
      res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
      res.end(JSON.stringify({ message: 'Too many requests', status_code: failure.status }));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method !== 'POST' || url.pathname !== '/openapi/v1/lead/set/') return send(404, { message: 'Not found', status_code: 404 });
    if (url.searchParams.get('api_key') !== this.apiKey) return send(401, { message: 'Unauthorized', status_code: 401 });
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return send(400, { message: 'Invalid JSON', status_code: 400 });
    }
    const request = (body as { request?: { method?: string } }).request;
    if (request?.method !== 'create') return send(422, { message: 'request.method is required', status_code: 422 });
    const idempotencyKey = req.headers['idempotency-key'];
    this.leads.push({
      url: req.url ?? '',
      contentType: req.headers['content-type'],
      raw,
      body,
      idempotencyKey: Array.isArray(idempotencyKey) ? idempotencyKey[0] : idempotencyKey,
      key: leadKeyOf(body),
      at: Date.now(),
    });
    if (this.dribble) this.dribbleAnswer(res);
    else send(200, { id: this.nextId++, message: 'success', status_code: 200 });
    this.onAnswered?.(this.leads[this.leads.length - 1]!);
  }

  private dribbleAnswer(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{');
    const timer = setInterval(() => res.write(' '), 1_000);
    res.on('close', () => clearInterval(timer));
  }
}
