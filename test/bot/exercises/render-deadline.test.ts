import { describe, expect, it } from 'vitest';
import { renderDeadline } from '../../../src/bot/exercises/render-deadline.js';
import { textsFor } from '../../helpers/texts.js';

const en = textsFor('en');
const ru = textsFor('ru');
const now = Date.UTC(2026, 11, 1, 12, 20, 0);
const minutes = (n: number) => now + n * 60_000;

describe('the deadline line', () => {
  it('says the end on the group clock and the time left, in Russian with the right plurals', () => {
    expect(renderDeadline(ru, minutes(18), now, 'Europe/Moscow')).toBe(
      '⏰ До 15:38 (Europe/Moscow), ещё 18 минут.',
    );
    const left = (n: number) => renderDeadline(ru, minutes(n), now, 'UTC').replace(/^.*ещё /, '');
    expect([1, 2, 5, 11, 21, 22, 25].map(left)).toEqual([
      '1 минута.',
      '2 минуты.',
      '5 минут.',
      '11 минут.',
      '21 минута.',
      '22 минуты.',
      '25 минут.',
    ]);
    expect([60, 61, 125, 300].map(left)).toEqual([
      '1 час.',
      '1 час 1 минута.',
      '2 часа 5 минут.',
      '5 часов.',
    ]);
  });

  it('says it in English, UTC named when it is the group clock', () => {
    expect(renderDeadline(en, minutes(18), now, 'UTC')).toBe('⏰ Ends at 12:38 (UTC), 18 minutes left.');
    expect(renderDeadline(en, minutes(1), now, 'UTC+05:30')).toBe(
      '⏰ Ends at 17:51 (UTC+05:30), 1 minute left.',
    );
    expect(renderDeadline(en, minutes(121), now, 'UTC')).toBe(
      '⏰ Ends at 14:21 (UTC), 2 hours 1 minute left.',
    );
  });

  it('counts a started minute, and names the day when the end is not today on the group clock', () => {
    expect(renderDeadline(en, minutes(18) - 59_000, now, 'UTC')).toContain('18 minutes left');
    // 12:20 UTC is 23:20 in Sydney (summer time there): the end, 50 minutes on, is the next day.
    expect(renderDeadline(en, minutes(50), now, 'Australia/Sydney')).toBe(
      '⏰ Ends at 2026-12-02 00:10 (Australia/Sydney), 50 minutes left.',
    );
  });
});
