import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/exercises/deadline.js';

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
});
