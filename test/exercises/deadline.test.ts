import { describe, expect, it } from 'vitest';
import { minutesLeft, nextMinuteChange, parseDuration } from '../../src/exercises/deadline.js';

const DAY = 86_400_000;

describe('parseDuration', () => {
  it.each([
    ['20m', 20 * 60_000],
    ['1h', 3_600_000],
    ['1H30M', 90 * 60_000],
    ['45s', 45_000],
    ['10min', 600_000],
  ])('%s', (text, ms) => {
    expect(parseDuration(text, DAY)).toEqual({ ok: true, ms });
  });

  it('calls a zero or negative time a deadline in the past', () => {
    expect(parseDuration('0m', DAY)).toMatchObject({ ok: false, reason: 'notPositive' });
    expect(parseDuration('-5m', DAY)).toMatchObject({ ok: false, reason: 'notPositive' });
  });

  it('refuses other words and times beyond the limit', () => {
    expect(parseDuration('soon', DAY)).toMatchObject({ ok: false, reason: 'format' });
    expect(parseDuration('20', DAY)).toMatchObject({ ok: false, reason: 'format' });
    expect(parseDuration('25h', DAY)).toMatchObject({ ok: false, reason: 'tooLong' });
  });

  it('allows a time of exactly the limit', () => {
    expect(parseDuration('24h', DAY)).toEqual({ ok: true, ms: DAY });
  });

  it('reads a time with spaces around it, as a teacher may type it', () => {
    expect(parseDuration(' 20m ', DAY)).toEqual({ ok: true, ms: 20 * 60_000 });
  });

  it('calls a time with words or signs around or inside it a wrong format, not a negative time', () => {
    for (const text of ['in 20m', '20m later', '1h-5m', '1h 30m'])
      expect([text, parseDuration(text, DAY)]).toEqual([text, { ok: false, reason: 'format', text }]);
  });
});

describe('the time left', () => {
  const deadline = 10 * 60_000;

  it('counts a started minute as a whole one, and nothing once the deadline passed', () => {
    expect(minutesLeft(deadline, 0)).toBe(10);
    expect(minutesLeft(deadline, 1)).toBe(10);
    expect(minutesLeft(deadline, 60_000)).toBe(9);
    expect(minutesLeft(deadline, deadline - 1)).toBe(1);
    expect(minutesLeft(deadline, deadline)).toBe(0);
    expect(minutesLeft(deadline, deadline + 5_000)).toBe(0);
  });

  it('changes next at the next whole minute before the deadline', () => {
    expect(nextMinuteChange(deadline, 0)).toBe(60_000);
    expect(nextMinuteChange(deadline, 30_000)).toBe(60_000);
    expect(nextMinuteChange(deadline, 60_000)).toBe(120_000);
    expect(nextMinuteChange(deadline + 500, 0)).toBe(500);
    for (const now of [0, 30_000, 60_000, 61_000, 500_000]) {
      const at = nextMinuteChange(deadline, now);
      expect(minutesLeft(deadline, at)).toBe(minutesLeft(deadline, now) - 1);
      expect(minutesLeft(deadline, at - 1)).toBe(minutesLeft(deadline, now));
    }
  });
});
