import type { CapacityRepository, OperationGateTarget } from '@provod/data';
import { GateTargetCache } from './gate-target.cache';

function countingRepository() {
  const looked: string[] = [];
  const capacity = {
    gateTargetOf: async (operationId: string): Promise<OperationGateTarget | null> => {
      looked.push(operationId);
      return { processingId: `p-${operationId}`, concurrency: 2 };
    },
  } as unknown as CapacityRepository;
  return { capacity, looked };
}

describe('GateTargetCache', () => {
  it('answers the second look at an operation from memory, even after many others filled it', async () => {
    const { capacity, looked } = countingRepository();
    const sut = new GateTargetCache(capacity);
    for (let i = 0; i < 10_050; i++) await sut.targetOf(`op${i}`);
    looked.length = 0;
    // Looked at just before the cache filled up: one that emptied itself would have lost its limit.
    expect(await sut.targetOf('op9999')).toEqual({ processingId: 'p-op9999', concurrency: 2 });
    expect(looked).toEqual([]);
    await sut.targetOf('op0');
    expect(looked).toEqual(['op0']);
  });

  it('looks an operation up again once it is forgotten', async () => {
    const { capacity, looked } = countingRepository();
    const sut = new GateTargetCache(capacity);
    await sut.targetOf('a');
    sut.forget('a');
    await sut.targetOf('a');
    expect(looked).toEqual(['a', 'a']);
  });
});

describe('GateTargetCache with the processing named by the job', () => {
  it('needs no lookup of the operation once the processing’s limit is known', async () => {
    const { capacity, looked } = countingRepository();
    const sut = new GateTargetCache(capacity);
    const first = await sut.targetOf('op1');
    looked.length = 0;
    expect(await sut.targetOf('op2', first!.processingId)).toEqual({ processingId: 'p-op1', concurrency: 2 });
    expect(looked).toEqual([]);
  });
});
