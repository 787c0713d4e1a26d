import type { ProcessingsRepository, WebhookTarget } from '@provod/data';
import { WebhookTargetCache } from './webhook-target.cache';

function countingRepository() {
  const looked: string[] = [];
  const processings = {
    findWebhookTarget: async (token: string) => {
      looked.push(token);
      return token.startsWith('unknown') ? null : ({ processingId: `p-${token}` } as unknown as WebhookTarget);
    },
  } as unknown as ProcessingsRepository;
  return { processings, looked };
}

describe('WebhookTargetCache', () => {
  it('remembers an unknown token too, so a flood of bad URLs costs one read per token', async () => {
    const { processings, looked } = countingRepository();
    const sut = new WebhookTargetCache(processings);
    expect(await sut.get('unknown-1')).toBeNull();
    expect(await sut.get('unknown-1')).toBeNull();
    expect(looked).toEqual(['unknown-1']);
  });

  it('keeps the recent tokens when full instead of emptying itself, and lets the oldest go', async () => {
    const { processings, looked } = countingRepository();
    const sut = new WebhookTargetCache(processings);
    for (let i = 0; i < 10_001; i++) await sut.get(`t${i}`);
    looked.length = 0;
    expect(await sut.get('t9999')).toEqual({ processingId: 'p-t9999' });
    expect(looked).toEqual([]);
    await sut.get('t0');
    expect(looked).toEqual(['t0']);
  });

  it('reads the row again when asked for a fresh answer', async () => {
    const { processings, looked } = countingRepository();
    const sut = new WebhookTargetCache(processings);
    await sut.get('t');
    await sut.get('t', true);
    expect(looked).toEqual(['t', 't']);
  });
});
