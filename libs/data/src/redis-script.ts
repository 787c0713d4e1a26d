import { createHash } from 'node:crypto';
import type IORedis from 'ioredis';

const shas = new Map<string, string>();

function shaOf(script: string): string {
  let sha = shas.get(script);
  if (!sha) {
    sha = createHash('sha1').update(script).digest('hex');
    shas.set(script, sha);
  }
  return sha;
}

/**
 * Runs a Lua script by its SHA1 (EVALSHA), sending the source only when Redis does not have it
 * cached yet (after a restart or SCRIPT FLUSH). Scripts run several times per operation: sending
 * their text with every EVAL cost more than the scripts themselves.
 */
export async function runScript(redis: IORedis, script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown> {
  try {
    return await redis.evalsha(shaOf(script), numKeys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return redis.eval(script, numKeys, ...args);
  }
}
