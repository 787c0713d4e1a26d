import { processingDefinitionSchema, type Action } from '@provod/contracts';
import { LruCache, StepFailure } from '@provod/engine';
import { Injectable } from '@nestjs/common';

const MAX_ENTRIES = 1_000;

/**
 * The worker validates a definition again before running it (rows may predate a schema change),
 * but a version never changes, so each one is validated once.
 */
@Injectable()
export class DefinitionCache {
  private readonly entries = new LruCache<string, Action[]>(MAX_ENTRIES);

  validated(processingId: string, version: number, actions: unknown): Action[] {
    const key = `${processingId}:${version}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const parsed = processingDefinitionSchema.safeParse({ source: {}, actions });
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new StepFailure('invalid_definition', `The processing's settings are not valid: ${problems}`);
    }
    this.entries.set(key, parsed.data.actions);
    return parsed.data.actions;
  }
}
