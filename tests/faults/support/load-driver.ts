import type { FakeUon } from '../../support/fake-uon';
import { sleep } from './net';

export interface Acknowledged {
  operationId: string;
  sentAt: number;
  answeredAt: number;
}

export interface Refusal {
  key: string;
  /** 0 when no HTTP answer came at all (connection refused or reset). */
  status: number;
  retryAfter: string | null;
}

let nextKey = 700_000;

/**
 * Sends U-ON-style webhooks (`GET /hooks/:token?r_id=…`), each with a request id of its own that the
 * fake U-ON answers for, so every lead reaching Envybox names the event it came from. Keeps what was
 * acknowledged (200) and what was refused (status, Retry-After). Refused events are not re-sent.
 */
export class LoadDriver {
  readonly acknowledged = new Map<string, Acknowledged>();
  readonly refused: Refusal[] = [];
  /** Every key this driver sent, answered or not. */
  readonly sent = new Set<string>();
  private pending = new Set<Promise<void>>();

  constructor(
    private readonly apiUrl: () => string,
    private readonly uon: FakeUon,
  ) {}

  /** Sends `rate` webhooks a second for `seconds`, to `token`; resolves when every answer is in. */
  async run(token: string, rate: number, seconds: number, during?: (elapsedMs: number) => void): Promise<void> {
    const total = Math.round(rate * seconds);
    const start = Date.now();
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      if (due > Date.now()) await sleep(due - Date.now());
      during?.(Date.now() - start);
      this.send(token);
    }
    await this.settled();
  }

  /** One webhook, not awaited; `settled` waits for its answer. */
  send(token: string, body?: Record<string, unknown>): string {
    const key = String(nextKey++);
    this.sent.add(key);
    this.uon.requests.set(key, { ...this.uon.requests.get('61'), id: Number(key) });
    const task = this.post(token, key, body).finally(() => this.pending.delete(task));
    this.pending.add(task);
    return key;
  }

  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private async post(token: string, key: string, body?: Record<string, unknown>): Promise<void> {
    const sentAt = Date.now();
    const url = `${this.apiUrl()}/hooks/${token}?r_id=${key}`;
    try {
      const res = await fetch(url, {
        method: body ? 'POST' : 'GET',
        headers: body ? { 'content-type': 'application/json' } : undefined,
        body: body ? JSON.stringify({ r_id: key, ...body }) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      if (res.status === 200) {
        const { operationId } = JSON.parse(text) as { operationId: string };
        this.acknowledged.set(key, { operationId, sentAt, answeredAt: Date.now() });
      } else {
        this.refused.push({ key, status: res.status, retryAfter: res.headers.get('retry-after') });
      }
    } catch {
      this.refused.push({ key, status: 0, retryAfter: null });
    }
  }
}
