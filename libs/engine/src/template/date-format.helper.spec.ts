import { formatDate, parseDateInput } from './date-format.helper';

describe('formatDate', () => {
  it('reformats a U-ON wall-clock time without shifting it', () => {
    expect(formatDate('2025-03-14 10:20', 'DD.MM.YYYY HH:mm', undefined)).toBe('14.03.2025 10:20');
    expect(formatDate('2025-03-14 10:20:05', 'HH:mm:ss', 'Asia/Tokyo')).toBe('10:20:05');
  });

  it('converts instants into the given zone', () => {
    expect(formatDate('2025-03-14T07:20:00Z', 'YYYY-MM-DD HH:mm', 'Europe/Moscow')).toBe('2025-03-14 10:20');
    expect(formatDate('2025-03-14T10:20:00+03:00', 'YYYY-MM-DD HH:mm:ss', undefined)).toBe('2025-03-14 07:20:00');
    expect(formatDate('2025-12-31T23:30:00-0100', 'YYYY-MM-DD HH:mm', 'UTC')).toBe('2026-01-01 00:30');
    expect(formatDate('2025-01-01T00:00:00.999Z', 'YYYY-MM-DD HH:mm:ss', 'America/New_York')).toBe('2024-12-31 19:00:00');
  });

  it('accepts Dates, unix seconds and milliseconds', () => {
    expect(formatDate(new Date(Date.UTC(2025, 2, 14, 7, 20)), 'HH:mm', 'Europe/Moscow')).toBe('10:20');
    expect(formatDate(1741936800, 'YYYY-MM-DD HH:mm', undefined)).toBe('2025-03-14 07:20');
    expect(formatDate(1741936800000, 'YYYY-MM-DD HH:mm', undefined)).toBe('2025-03-14 07:20');
  });

  it('reads the Russian day-first form', () => {
    expect(formatDate('14.03.2025 10:20', 'YYYY-MM-DD HH:mm', undefined)).toBe('2025-03-14 10:20');
    expect(formatDate('14.03.2025', 'YYYY-MM-DD', undefined)).toBe('2025-03-14');
  });

  it('uses a default format and "now"', () => {
    expect(formatDate('2025-03-14', undefined, undefined)).toBe('2025-03-14 00:00:00');
    expect(formatDate('now', 'YYYY', undefined, () => Date.UTC(2030, 0, 1))).toBe('2030');
  });

  it('gives back what it cannot read', () => {
    expect(formatDate('not a date', 'YYYY', undefined)).toBe('not a date');
    expect(formatDate('2025-13-01', 'YYYY', undefined)).toBe('2025-13-01');
    expect(formatDate('2025-03-14T07:20:00Z', 'YYYY', 'Mars/Olympus')).toBe('2025-03-14T07:20:00Z');
    expect(formatDate(null, 'YYYY', undefined)).toBe('');
    expect(formatDate({}, 'YYYY', undefined)).toBe('');
    expect(formatDate(Number.NaN, 'YYYY', undefined)).toBe('');
  });

  it('tells instants from wall-clock times', () => {
    expect(parseDateInput('2025-03-14 10:20')).toEqual({
      kind: 'wall',
      wall: { year: 2025, month: 3, day: 14, hour: 10, minute: 20, second: 0 },
    });
    expect(parseDateInput('2025-03-14T10:20Z')).toEqual({ kind: 'instant', epochMs: Date.UTC(2025, 2, 14, 10, 20) });
    expect(parseDateInput('2024-02-29')).not.toBeNull();
    expect(parseDateInput('2025-02-29')).toBeNull();
  });
});
