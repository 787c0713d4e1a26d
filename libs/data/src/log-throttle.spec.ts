import { LogThrottle, throttleRepeatedLogs } from './log-throttle';

describe('LogThrottle', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes the first of a run at once and the count of the rest when the window ends', () => {
    let now = 0;
    const sut = new LogThrottle(10_000, () => now);
    const written: number[] = [];
    for (let i = 0; i < 500; i += 1) sut.admit('db down', (repeated) => written.push(repeated));
    expect(written).toEqual([0]);
    now = 10_000;
    jest.advanceTimersByTime(10_000);
    expect(written).toEqual([0, 499]);
  });

  it('sums each further window in one line while the run goes on, and starts afresh after a quiet window', () => {
    let now = 0;
    const sut = new LogThrottle(1_000, () => now);
    const written: number[] = [];
    const admit = () => sut.admit('k', (repeated) => written.push(repeated));
    admit();
    admit();
    now = 1_000;
    jest.advanceTimersByTime(1_000);
    admit();
    admit();
    admit();
    now = 2_000;
    jest.advanceTimersByTime(1_000);
    expect(written).toEqual([0, 1, 3]);
    now = 10_000;
    admit();
    expect(written).toEqual([0, 1, 3, 0]);
  });

  it('keeps different messages apart', () => {
    const sut = new LogThrottle(1_000);
    const written: string[] = [];
    sut.admit('a', () => written.push('a'));
    sut.admit('b', () => written.push('b'));
    sut.admit('a', () => written.push('a again'));
    expect(written).toEqual(['a', 'b']);
  });
});

describe('throttleRepeatedLogs as a pino hook', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('lets info through, and folds identical warnings about different operations into one line and a count', () => {
    const hook = throttleRepeatedLogs(5_000);
    const lines: unknown[][] = [];
    const method = (...args: unknown[]) => void lines.push(args);
    hook([{ operationId: 'a' }, 'operation succeeded'], method, 30);
    hook([{ operationId: 'b' }, 'operation succeeded'], method, 30);
    for (const id of ['a', 'b', 'c']) hook([{ operationId: id, err: 'connect ECONNREFUSED' }, 'database unavailable'], method, 40);
    hook([{ err: 'another error' }, 'database unavailable'], method, 40);
    expect(lines).toHaveLength(4);
    jest.advanceTimersByTime(5_000);
    expect(lines[4]).toEqual([
      { operationId: 'b', err: 'connect ECONNREFUSED', repeated: 2, windowMs: 5_000 },
      'database unavailable (repeated 2 more times in 5 s)',
    ]);
  });
});
