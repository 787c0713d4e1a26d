import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  chatId: string;
  text: string;
  body: Record<string, unknown>;
}

/**
 * Answers like the Telegram Bot API's `POST /bot<token>/sendMessage` (JSON or form body) and keeps
 * every message it accepted. The path is percent-decoded first, as the Bot API server does, so a
 * token whose `:` arrives as `%3A` is the same token.
 */
export class FakeTelegram {
  readonly messages: SentMessage[] = [];
  /** Chats the bot is a member of; any other chat id gets "chat not found". */
  readonly chats = new Set<string>(['-1001234567890']);
  private server?: Server;
  private nextId = 501;
  url = '';

  constructor(public token = '7001234567:AAFakeTokenForTests_x9') {}

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
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const fail = (code: number, description: string) => send(code, { ok: false, error_code: code, description });
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://fake').pathname);
      const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
      if (!match) return fail(404, 'Not Found');
      if (match[1] !== this.token) return fail(401, 'Unauthorized');
      if (match[2] !== 'sendMessage') return fail(404, 'Not Found: method not found');
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown>;
      try {
        body = /json/.test(req.headers['content-type'] ?? '') ? (JSON.parse(raw) as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(raw));
      } catch {
        return fail(400, "Bad Request: can't parse JSON object");
      }
      const chatId = body.chat_id === undefined || body.chat_id === null ? '' : String(body.chat_id);
      if (!chatId) return fail(400, 'Bad Request: chat_id is empty');
      if (!this.chats.has(chatId)) return fail(400, 'Bad Request: chat not found');
      const text = typeof body.text === 'string' ? body.text : '';
      if (!text.trim()) return fail(400, 'Bad Request: message text is empty');
      this.messages.push({ chatId, text, body });
      return send(200, { ok: true, result: { message_id: this.nextId++, chat: { id: Number(chatId) || chatId, type: 'supergroup' }, date: Math.floor(Date.now() / 1000), text } });
    });
  }
}
