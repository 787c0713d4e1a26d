/**
 * Runs `work` now and every `intervalMs`, never two passes at once: a call while a pass runs joins it.
 * Used by the loops that put PostgreSQL's record of unfinished work back into Redis.
 */
export class PeriodicPass {
  private timer?: NodeJS.Timeout;
  private pass?: Promise<number>;

  constructor(private readonly work: () => Promise<number>) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.runOnce(), intervalMs);
    void this.runOnce();
  }

  runOnce(): Promise<number> {
    this.pass ??= this.work().finally(() => (this.pass = undefined));
    return this.pass;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
