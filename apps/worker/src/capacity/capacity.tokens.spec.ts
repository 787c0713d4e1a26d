import { PARK_SAFETY_MS, parkSafetyDelayMs } from './capacity.tokens';

describe('the safety wake-up of a parked job', () => {
  it('is spread ±20 % around PARK_SAFETY_MS, so a backlog parked at once does not wake at once', () => {
    expect(parkSafetyDelayMs(0)).toBe(PARK_SAFETY_MS * 0.8);
    expect(parkSafetyDelayMs(0.5)).toBe(PARK_SAFETY_MS);
    expect(parkSafetyDelayMs(1)).toBe(PARK_SAFETY_MS * 1.2);
  });
});
