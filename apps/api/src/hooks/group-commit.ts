/**
 * Group commit: items submitted while earlier batches are being written wait and go together in the
 * next one, so concurrent webhooks share one statement and one commit instead of paying for a commit
 * each. Nothing waits on a timer: with no batch in flight an item is written at once, so a lone event
 * is as fast as before, and under load the batches grow by themselves.
 *
 * Every caller gets its own item's answer. A batch the database refuses is written again one item at
 * a time, so one bad item cannot fail the others; each then gets its own outcome. (When the database
 * is unavailable, every caller gets that error at once.)
 */
export class GroupCommit<I, O> {
  private pending: Array<{ item: I; resolve: (out: O) => void; reject: (error: unknown) => void }> = [];
  private inFlight = 0;

  constructor(
    /** Writes a batch; answers one result per item, in order. */
    private readonly writeBatch: (items: I[]) => Promise<O[]>,
    private readonly limits: {
      /** Batches written at the same time (connections the writer may use at once). */
      maxInFlight: number;
      maxItems: number;
      /** Upper bound on a batch's size (as `sizeOf` measures), so one statement stays reasonable. */
      maxSize: number;
      sizeOf: (item: I) => number;
      /** Whether a failed batch is worth writing again item by item (not when the database is down). */
      retryAlone: (error: unknown) => boolean;
    },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.limits.maxInFlight && this.pending.length) {
      const batch = this.takeBatch();
      this.inFlight += 1;
      void this.write(batch).finally(() => {
        this.inFlight -= 1;
        this.drain();
      });
    }
  }

  private takeBatch(): typeof this.pending {
    let size = 0;
    let count = 0;
    for (const entry of this.pending) {
      size += this.limits.sizeOf(entry.item);
      // The first item always goes, however large: it was admitted by the request size limit.
      if (count > 0 && (count >= this.limits.maxItems || size > this.limits.maxSize)) break;
      count += 1;
    }
    return this.pending.splice(0, count);
  }

  private async write(batch: typeof this.pending): Promise<void> {
    try {
      const results = await this.writeBatch(batch.map((entry) => entry.item));
      batch.forEach((entry, i) => entry.resolve(results[i] as O));
    } catch (error) {
      if (batch.length === 1 || !this.limits.retryAlone(error)) {
        for (const entry of batch) entry.reject(error);
        return;
      }
      await Promise.all(
        batch.map(async (entry) => {
          try {
            const [result] = await this.writeBatch([entry.item]);
            entry.resolve(result as O);
          } catch (own) {
            entry.reject(own);
          }
        }),
      );
    }
  }
}
