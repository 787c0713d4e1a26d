import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A destination that answers 200 after `delayMs` and remembers what arrived, when, and how many
 * requests it held at once: the figures a capacity test needs.
 */
export class RecordingDestination {
  /** Each request's `n` query parameter and the time it arrived. */
  readonly arrivals: Array<{ n: string; at: number }> = [];
  delayMs = 0;
  inFlight = 0;
  maxInFlight = 0;
  url = '';
  private server?: Server;

  async start(host = '127.0.0.1'): Promise<this> {
    this.server = createServer((req, res) => {
      const n = new URL(req.url ?? '/', 'http://x').searchParams.get('n') ?? '';
      this.arrivals.push({ n, at: Date.now() });
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      req.resume();
      let open = true;
      // A caller that hung up (or died) no longer has this request in flight.
      const done = () => {
        if (!open) return false;
        open = false;
        this.inFlight--;
        clearTimeout(timer);
        return true;
      };
      const answer = () => {
        if (done()) res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      };
      res.on('close', done);
      const timer = setTimeout(answer, this.delayMs);
    });
    // Requests to a slow destination wait out the whole delay; the default timeouts would cut them.
    this.server.requestTimeout = 0;
    await new Promise<void>((resolve) => this.server!.listen(0, host, resolve));
    this.url = `http://${host}:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** How many times each `n` arrived. */
  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const a of this.arrivals) counts.set(a.n, (counts.get(a.n) ?? 0) + 1);
    return counts;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
