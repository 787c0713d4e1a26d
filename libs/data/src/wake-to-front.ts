import type { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { runScript } from './redis-script';

// BullMQ's own "promote" script (delayed -> waiting), read from the installed BullMQ so it stays that
// version's, with two changes: the job goes to the front of the waiting list (the end workers take
// from) instead of the back, and a job that no longer exists answers -1.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { promote } = require('bullmq/dist/cjs/scripts/promote-9.js') as { promote: { content: string } };

const TO_BACK = 'addJobInTargetList(KEYS[2], markerKey, "LPUSH", isPausedOrMaxed, jobId)';
const IN_DELAYED = 'if rcall("ZREM", KEYS[1], jobId) == 1 then';

function frontScript(content: string): string {
  if (!content.includes(TO_BACK) || !content.includes(IN_DELAYED)) {
    throw new Error('the installed BullMQ promote script has changed: wakeToFront needs updating');
  }
  return content
    .replace(TO_BACK, TO_BACK.replace('"LPUSH"', '"RPUSH"'))
    .replace(IN_DELAYED, `if rcall("EXISTS", ARGV[1] .. jobId) == 0 then return -1 end\n${IN_DELAYED}`);
}

export const WAKE_TO_FRONT_SCRIPT = frontScript(promote.content);

export type WakeResult = 'woken' | 'not delayed' | 'gone';

/**
 * Moves a parked (delayed) job to the front of the waiting list: it was handed a capacity slot, which
 * sits unused until the job runs, so it must not queue behind the whole backlog. One round trip.
 */
export async function wakeToFront(redis: IORedis, queue: Queue, jobId: string): Promise<WakeResult> {
  const k = queue.keys;
  const code = (await runScript(redis, WAKE_TO_FRONT_SCRIPT, 9, k.delayed!, k.wait!, k.paused!, k.meta!, k.prioritized!, k.active!, k.pc!, k.events!, k.marker!, queue.toKey(''), jobId)) as number;
  return code === 0 ? 'woken' : code === -1 ? 'gone' : 'not delayed';
}
