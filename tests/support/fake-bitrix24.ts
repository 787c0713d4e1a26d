import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Answers like a Bitrix24 portal's incoming webhook `POST /rest/<user>/<code>/crm.lead.add.json`
 * (JSON body `{ fields: {…} }`) and keeps every lead it created.
 */
export class FakeBitrix24 {
  readonly leads: Array<{ fields: Record<string, unknown> }> = [];
  private server?: Server;
  private nextId = 3001;
  url = '';

  constructor(
    public user = '1',
    public code = 'x7b24webhookcode9',
  ) {}

  /** The address a portal shows for its incoming webhook. */
  get webhookUrl(): string {
    return `${this.url}/rest/${this.user}/${this.code}/`;
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
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
      };
      const match = /^\/rest\/([^/]+)\/([^/]+)\/([a-z.]+?)(?:\.json)?$/.exec(new URL(req.url ?? '/', 'http://fake').pathname);
      if (!match) return send(404, { error: 'NOT_FOUND', error_description: 'Not found' });
      if (match[1] !== this.user || match[2] !== this.code) return send(401, { error: 'INVALID_CREDENTIALS', error_description: 'Invalid request credentials' });
      if (match[3] !== 'crm.lead.add') return send(404, { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' });
      let body: { fields?: Record<string, unknown> };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        return send(400, { error: 'ERROR_CORE', error_description: 'Invalid JSON' });
      }
      if (!body.fields || typeof body.fields !== 'object') return send(400, { error: 'ERROR_CORE', error_description: 'Parameter "fields" is required' });
      this.leads.push({ fields: body.fields });
      return send(200, { result: this.nextId++, time: { start: Date.now() / 1000, finish: Date.now() / 1000, duration: 0.01 } });
    });
  }
}
