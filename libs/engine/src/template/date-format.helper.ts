/**
 * The `date` helper: `{{date value "DD.MM.YYYY HH:mm" "Europe/Moscow"}}`. Written on Intl alone so no
 * date library is needed for six tokens.
 */

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * An `instant` is a moment on the timeline (it had a zone or offset); a `wall` time is what a clock
 * showed somewhere unknown. U-ON sends Moscow wall-clock times without an offset, so shifting those
 * into a zone would move them by hours: only instants are converted.
 */
type ParsedDate = { kind: 'instant'; epochMs: number } | { kind: 'wall'; wall: WallTime };

export const DEFAULT_DATE_FORMAT = 'YYYY-MM-DD HH:mm:ss';

const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const DOTTED = /^(\d{2})\.(\d{2})\.(\d{4})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const TOKENS = /YYYY|MM|DD|HH|mm|ss/g;
// Unix timestamps in seconds stay below this until the year 5138; milliseconds pass it since 1973.
const SECONDS_LIMIT = 1e11;

export function formatDate(value: unknown, format: unknown, timeZone: unknown, now: () => number = Date.now): string {
  const pattern = typeof format === 'string' && format !== '' ? format : DEFAULT_DATE_FORMAT;
  const parsed = parseDateInput(value, now);
  if (!parsed) return fallbackText(value);
  const zone = typeof timeZone === 'string' && timeZone.trim() !== '' ? timeZone.trim() : undefined;
  const wall = parsed.kind === 'wall' ? parsed.wall : wallTimeAt(parsed.epochMs, zone);
  if (!wall) return fallbackText(value);
  return pattern.replace(TOKENS, (token) => tokenText(token, wall));
}

function fallbackText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

export function parseDateInput(value: unknown, now: () => number = Date.now): ParsedDate | null {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? null : { kind: 'instant', epochMs: ms };
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return { kind: 'instant', epochMs: Math.abs(value) < SECONDS_LIMIT ? value * 1000 : value };
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text.toLowerCase() === 'now') return { kind: 'instant', epochMs: now() };
  const iso = ISO_LIKE.exec(text);
  if (iso) return fromParts(iso[1], iso[2], iso[3], iso[4], iso[5], iso[6], iso[7], iso[8]);
  const dotted = DOTTED.exec(text);
  if (dotted) return fromParts(dotted[3], dotted[2], dotted[1], dotted[4], dotted[5], dotted[6], undefined, undefined);
  return null;
}

function fromParts(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  fraction: string | undefined,
  offset: string | undefined,
): ParsedDate | null {
  const wall: WallTime = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
  };
  if (!isRealWallTime(wall)) return null;
  if (offset === undefined) return { kind: 'wall', wall };
  const ms = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
  const utc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, ms);
  return { kind: 'instant', epochMs: utc - offsetMinutes(offset) * 60_000 };
}

function isRealWallTime(w: WallTime): boolean {
  if (w.month < 1 || w.month > 12 || w.day < 1 || w.hour > 23 || w.minute > 59 || w.second > 59) return false;
  // Date.UTC rolls 31 February over into March; a real date survives the round trip unchanged.
  const probe = new Date(Date.UTC(w.year, w.month - 1, w.day));
  return probe.getUTCMonth() === w.month - 1 && probe.getUTCDate() === w.day;
}

function offsetMinutes(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return offset.startsWith('-') ? -minutes : minutes;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat | null>();

function zoneFormat(zone: string): Intl.DateTimeFormat | null {
  let format = zoneFormats.get(zone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      format = null;
    }
    // Zone names come from templates, so the set is small; the cap only guards against abuse.
    if (zoneFormats.size < 200) zoneFormats.set(zone, format);
  }
  return format;
}

function wallTimeAt(epochMs: number, zone: string | undefined): WallTime | null {
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) return null;
  if (!zone) {
    return {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
    };
  }
  const format = zoneFormat(zone);
  if (!format) return null;
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

function tokenText(token: string, wall: WallTime): string {
  switch (token) {
    case 'YYYY':
      return String(wall.year).padStart(4, '0');
    case 'MM':
      return pad2(wall.month);
    case 'DD':
      return pad2(wall.day);
    case 'HH':
      return pad2(wall.hour);
    case 'mm':
      return pad2(wall.minute);
    default:
      return pad2(wall.second);
  }
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
