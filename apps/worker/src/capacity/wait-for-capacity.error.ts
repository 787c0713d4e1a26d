/**
 * Thrown from inside a run when a destination host has no free slot. It is not a step failure (the
 * step did not run and no attempt is counted) nor a system error: the job is parked until a slot
 * frees, holding no worker meanwhile.
 */
export class WaitForCapacity extends Error {
  constructor(readonly gateName: string) {
    super(`waiting for a free slot of ${gateName}`);
    this.name = 'WaitForCapacity';
  }
}

export function isWaitForCapacity(error: unknown): error is WaitForCapacity {
  return error instanceof WaitForCapacity;
}
