import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedLead {
  url: string;
  contentType: string | undefined;
  raw: string;
  body: unknown;
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
  private server?: Server;
  private nextId = 182423;
  url = '';

  constructor(public apiKey = 'envy-test-key-77d2e0') {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
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
    this.leads.push({ url: req.url ?? '', contentType: req.headers['content-type'], raw, body });
    return send(200, { id: this.nextId++, message: 'success', status_code: 200 });
  }
}
