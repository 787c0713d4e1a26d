import { GroupCommit } from './group-commit';

/** A writer whose batches finish only when the test says, recording what each batch held. */
function controlledWriter(fail: (items: string[]) => Error | null = () => null) {
  const batches: string[][] = [];
  const finishers: Array<() => void> = [];
  const write = (items: string[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items);
      finishers.push(() => {
        const error = fail(items);
        if (error) reject(error);
        else resolve(items.map((item) => `stored ${item}`));
      });
    });
  const finishNext = async () => {
    finishers.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { write, batches, finishNext };
}

const limits = { maxInFlight: 1, maxItems: 3, maxSize: 1_000, sizeOf: (item: string) => item.length, retryAlone: () => true };

describe('GroupCommit', () => {
  it('writes a lone item at once, and groups what arrives while a batch is being written', async () => {
    const { write, batches, finishNext } = controlledWriter();
    const sut = new GroupCommit(write, limits);
    const a = sut.submit('a');
    expect(batches).toEqual([['a']]);
    const rest = ['b', 'c', 'd', 'e'].map((item) => sut.submit(item));
    expect(batches).toHaveLength(1);
    await finishNext();
    // At most maxItems per batch; the rest waits for the next turn.
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    await finishNext();
    expect(batches[2]).toEqual(['e']);
    await finishNext();
    expect(await a).toBe('stored a');
    expect(await Promise.all(rest)).toEqual(['stored b', 'stored c', 'stored d', 'stored e']);
  });

  it('cuts a batch by size, but always takes its first item', async () => {
    const { write, batches, finishNext } = controlledWriter();
    const sut = new GroupCommit(write, { ...limits, maxItems: 10, maxSize: 5 });
    const first = sut.submit('x');
    const items = ['aaaa', 'bb', 'cccccccc', 'd'].map((item) => sut.submit(item));
    await finishNext();
    expect(batches[1]).toEqual(['aaaa']);
    await finishNext();
    expect(batches[2]).toEqual(['bb']);
    await finishNext();
    expect(batches[3]).toEqual(['cccccccc']);
    await finishNext();
    await finishNext();
    expect(await first).toBe('stored x');
    expect(await Promise.all(items)).toEqual(['stored aaaa', 'stored bb', 'stored cccccccc', 'stored d']);
  });

  it('writes a refused batch again item by item, so only the bad item fails', async () => {
    const { write, batches, finishNext } = controlledWriter((items) => (items.includes('bad') ? new Error('refused') : null));
    const sut = new GroupCommit(write, limits);
    const first = sut.submit('first');
    const good = sut.submit('good');
    const bad = sut.submit('bad').catch((error: Error) => error);
    await finishNext();
    await finishNext(); // the batch [good, bad] fails
    await finishNext(); // good alone
    await finishNext(); // bad alone
    expect(batches).toEqual([['first'], ['good', 'bad'], ['good'], ['bad']]);
    expect(await first).toBe('stored first');
    expect(await good).toBe('stored good');
    expect(await bad).toEqual(new Error('refused'));
  });

  it('fails every item of the batch at once when the error is not worth a retry (database down)', async () => {
    const { write, batches, finishNext } = controlledWriter((items) => (items.length > 1 ? new Error('connection refused') : null));
    const sut = new GroupCommit(write, { ...limits, retryAlone: () => false });
    const first = sut.submit('first');
    const others = [sut.submit('a'), sut.submit('b')].map((p) => p.catch((error: Error) => error));
    await finishNext();
    await finishNext();
    expect(batches).toEqual([['first'], ['a', 'b']]);
    expect(await first).toBe('stored first');
    expect(await Promise.all(others)).toEqual([new Error('connection refused'), new Error('connection refused')]);
  });

  it('keeps up to maxInFlight batches going at once', async () => {
    const { write, batches, finishNext } = controlledWriter();
    const sut = new GroupCommit(write, { ...limits, maxInFlight: 2 });
    const all = ['a', 'b', 'c', 'd'].map((item) => sut.submit(item));
    expect(batches).toEqual([['a'], ['b']]);
    await finishNext();
    expect(batches[2]).toEqual(['c', 'd']);
    await finishNext();
    await finishNext();
    expect(await Promise.all(all)).toEqual(['stored a', 'stored b', 'stored c', 'stored d']);
  });
});
