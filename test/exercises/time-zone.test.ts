import { describe, expect, it } from 'vitest';
import { formatDateTime, parseTimeZone, readTimeZone, wallTime } from '../../src/exercises/time-zone.js';

describe('parseTimeZone', () => {
  it.each([
    ['Europe/Moscow', 'Europe/Moscow'],
    ['europe/moscow', 'Europe/Moscow'],
    ['  America/New_York ', 'America/New_York'],
    // Intl calls it Asia/Calcutta; the teacher wrote today's name, and reads it back.
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['Etc/GMT-3', 'Etc/GMT-3'],
  ])('reads the name %s as %s', (text, zone) => {
    expect(parseTimeZone(text)).toEqual({ ok: true, zone });
  });

  it.each([
    ['+3', 'UTC+03:00'],
    ['3', undefined],
    ['UTC+03:00', 'UTC+03:00'],
    ['utc+3', 'UTC+03:00'],
    ['GMT-5', 'UTC-05:00'],
    ['-05:30', 'UTC-05:30'],
    ['+0545', 'UTC+05:45'],
    ['UTC +10', 'UTC+10:00'],
    ['−3', 'UTC-03:00'],
    ['+14', 'UTC+14:00'],
    ['-12', 'UTC-12:00'],
    ['+0', 'UTC'],
    ['UTC-00:00', 'UTC'],
  ])('reads the offset %s as %s', (text, zone) => {
    expect(parseTimeZone(text)).toEqual(zone ? { ok: true, zone } : { ok: false, text });
  });

  it.each([
    'Moscow',
    'Mars/Olympus_Mons',
    'MSK',
    '+15',
    '-13',
    '+3:75',
    '+123',
    'UTC+3h',
    '',
    'Europe/Moscow; rm',
    '../etc',
  ])('refuses %j', (text) => {
    expect(parseTimeZone(text)).toEqual({ ok: false, text });
  });
});

describe('readTimeZone', () => {
  it('is UTC when none is stored or the stored one is unknown here, the stored zone otherwise', () => {
    expect(readTimeZone(undefined)).toBe('UTC');
    expect(readTimeZone('Atlantis/Capital')).toBe('UTC');
    expect(readTimeZone('Europe/Moscow')).toBe('Europe/Moscow');
    expect(readTimeZone('UTC-05:30')).toBe('UTC-05:30');
  });
});

describe('the clock on the wall', () => {
  const at = Date.UTC(2026, 11, 31, 22, 38, 5);

  it('shows a moment in a named zone, the date turning over with it', () => {
    expect(formatDateTime(at, 'UTC')).toBe('2026-12-31 22:38:05');
    expect(formatDateTime(at, 'Europe/Moscow')).toBe('2027-01-01 01:38:05');
    expect(formatDateTime(at, 'Asia/Kolkata')).toBe('2027-01-01 04:08:05');
  });

  it('follows summer time in a zone that has it, and not in an offset', () => {
    const july = Date.UTC(2026, 6, 1, 12, 0, 0);
    const january = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(wallTime(july, 'America/New_York').hour).toBe('08');
    expect(wallTime(january, 'America/New_York').hour).toBe('07');
    expect(wallTime(july, 'UTC-05:00').hour).toBe('07');
  });

  it('shifts by an offset of hours and minutes either way, midnight as 00', () => {
    expect(formatDateTime(at, 'UTC+03:00')).toBe('2027-01-01 01:38:05');
    expect(formatDateTime(at, 'UTC-05:30')).toBe('2026-12-31 17:08:05');
    expect(formatDateTime(Date.UTC(2026, 0, 1, 21, 0, 0), 'UTC+03:00')).toBe('2026-01-02 00:00:00');
  });
});
