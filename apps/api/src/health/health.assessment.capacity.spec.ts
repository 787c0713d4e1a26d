import { assessHealth } from './health.assessment';

const calm = { postgres: true, redis: true, workers: { alive: 1, gone: [] }, maxWaitSeconds: 60 };

describe('health and the concurrency limits', () => {
  it('counts the events waiting for a slot when events have waited too long, naming no processing or host', () => {
    const sut = assessHealth({
      ...calm,
      backlog: { waiting: 120, oldestWaitingSeconds: 95, pastLease: 0 },
      capacity: {
        waiting: 110,
        gatesWaiting: 2,
        gates: [
          { gate: 'host:crm.example.com', waiting: 100, inFlight: 10 },
          { gate: 'processing:p1', waiting: 10, inFlight: 5 },
        ],
      },
    });
    expect(sut.status).toBe('degraded');
    expect(sut.reasons).toEqual([
      'the oldest waiting event has waited 95 s (more than 60 s)',
      '110 events wait for a free slot: 2 processing or destination-host limits reached',
    ]);
  });

  it('says nothing of slots while events flow in time, even if some briefly wait for one', () => {
    const sut = assessHealth({
      ...calm,
      backlog: { waiting: 3, oldestWaitingSeconds: 2, pastLease: 0 },
      capacity: { waiting: 3, gatesWaiting: 1, gates: [{ gate: 'processing:p1', waiting: 3, inFlight: 5 }] },
    });
    expect(sut).toEqual({ status: 'ok', reasons: [] });
  });
});
