/** A group's clock until an admin sets another: said as "UTC" wherever a time is shown. */
export const DEFAULT_TIME_ZONE = 'UTC';

export type ParsedTimeZone = { ok: true; zone: string } | { ok: false; text: string };

// +3, -5, +05:30, UTC+3, UTC+03:00, GMT-0530; a typed minus sign too.
const OFFSET = /^(?:utc|gmt)?\s*([+\-−])\s*(?:(\d{1,2})(?::(\d{2}))?|(\d{2})(\d{2}))$/i;
const STORED_OFFSET = /^UTC([+-])(\d\d):(\d\d)$/;
// The furthest clocks from UTC in use: Baker Island (−12) and Kiribati's Line Islands (+14).
const OFFSET_MINUTES = { min: -12 * 60, max: 14 * 60 };

const twoDigits = (n: number): string => String(n).padStart(2, '0');

/** `UTC+03:00`, `UTC-05:30`; `UTC` for none. */
function formatOffset(minutes: number): string {
  if (minutes === 0) return DEFAULT_TIME_ZONE;
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${twoDigits(Math.floor(abs / 60))}:${twoDigits(abs % 60)}`;
}

/** The minutes from UTC of a zone written as `parseTimeZone` stores an offset; undefined for a name. */
function offsetMinutes(zone: string): number | undefined {
  const match = STORED_OFFSET.exec(zone);
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The name Intl knows a zone by, in the case it spells it, or undefined when it knows none. */
function resolveZoneName(text: string): string | undefined {
  try {
    const resolved = new Intl.DateTimeFormat('en', { timeZone: text }).resolvedOptions().timeZone;
    // Intl also renames (Asia/Kolkata is Asia/Calcutta to it): the teacher's spelling is kept.
    return resolved.toLowerCase() === text.toLowerCase() ? resolved : text;
  } catch {
    return undefined;
  }
}

/**
 * A time zone as an admin types it: an IANA name (`Europe/Moscow`, any case) or an offset from UTC
 * (`+3`, `UTC+03:00`, `-05:30`), stored as the name or as `UTC+03:00`; `UTC` alone is the default.
 */
export function parseTimeZone(text: string): ParsedTimeZone {
  const clean = text.trim();
  const offset = OFFSET.exec(clean);
  if (offset) {
    const [hours, minutes] = [Number(offset[2] ?? offset[4]), Number(offset[3] ?? offset[5] ?? 0)];
    const total = (hours * 60 + minutes) * (offset[1] === '+' ? 1 : -1);
    if (minutes > 59 || total < OFFSET_MINUTES.min || total > OFFSET_MINUTES.max) return { ok: false, text };
    return { ok: true, zone: formatOffset(total) };
  }
  if (!/^[A-Za-z][\w+\-/]*$/.test(clean)) return { ok: false, text };
  const name = resolveZoneName(clean);
  if (name === undefined) return { ok: false, text };
  return { ok: true, zone: name.toUpperCase() === DEFAULT_TIME_ZONE ? DEFAULT_TIME_ZONE : name };
}

export interface WallTime {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

// Made once per zone: a new Intl.DateTimeFormat costs far more than formatting with one.
const FORMATS = new Map<string, Intl.DateTimeFormat>();

function formatIn(zone: string): Intl.DateTimeFormat {
  let format = FORMATS.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    FORMATS.set(zone, format);
  }
  return format;
}

/** A stored zone that this machine's Intl no longer knows reads as UTC rather than failing every render. */
export function readTimeZone(stored: string | undefined): string {
  if (stored === undefined || STORED_OFFSET.test(stored)) return stored ?? DEFAULT_TIME_ZONE;
  try {
    formatIn(stored);
    return stored;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

/** What a clock and a calendar on the wall in `zone` show at `ms`, as zero-padded digits. */
export function wallTime(ms: number, zone: string): WallTime {
  const offset = offsetMinutes(zone);
  const parts = formatIn(offset === undefined ? zone : 'UTC').formatToParts(ms + (offset ?? 0) * 60_000);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

/** `2026-12-01 15:38:05` in the zone: ISO 8601's order, which spreadsheets read as a date and time. */
export function formatDateTime(ms: number, zone: string): string {
  const w = wallTime(ms, zone);
  return `${w.year}-${w.month}-${w.day} ${w.hour}:${w.minute}:${w.second}`;
}
