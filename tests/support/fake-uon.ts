import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const fixtures = join(__dirname, '../fixtures/uon');
const load = (name: string) => JSON.parse(readFileSync(join(fixtures, name), 'utf8'));

export interface RecordedCall {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Answers like api.u-on.ru: `/{key}/request/{id}.json`, `/{key}/lead/{id}.json`, errors as `{result, message}`. */
export class FakeUon {
  readonly calls: Array<RecordedCall & { at: number }> = [];
  /** Requests by id; tests change a record to shape the flow (quotes, newlines, missing fields…). */
  readonly requests = new Map<string, Record<string, unknown>>();
  readonly leads = new Map<string, Record<string, unknown>>();
  /** Answers to give before the real one, one per call (e.g. [503, 503] then 200). */
  failures: Array<number | { status: number; headers?: Record<string, string> }> = [];
  private server?: Server;
  url = '';

  constructor(public apiKey = 'uon-test-key-5f1c9a') {
    const request = load('request-61.json').request[0];
    this.requests.set('61', request);
    const lead = load('lead-226.json').lead[0];
    this.leads.set('226', lead);
  }

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
      this.calls.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
      };
      const failure = this.failures.shift();
      if (failure) {
        const { status, headers = {} } = typeof failure === 'number' ? { status: failure } : failure;
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        return send(status, { result: status, message: status === 429 ? 'Too many requests' : 'Internal server error' });
      }
      const match = /^\/([^/]+)\/(request|lead)\/([^/]+)\.json$/.exec(decodeURI(req.url ?? ''));
      if (!match) return send(404, { result: 404, message: 'Not found' });
      const [, key, kind, id] = match;
      if (key !== this.apiKey) return send(403, { result: 403, message: 'Access denied' });
      const record = (kind === 'request' ? this.requests : this.leads).get(id as string);
      if (!record) return send(404, { result: 404, message: 'Not found' });
      return send(200, kind === 'request' ? { request: [record] } : { result: 200, lead: [record] });
    });
  }
}
