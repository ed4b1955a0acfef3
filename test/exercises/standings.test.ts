import { describe, expect, it } from 'vitest';
import { compareAttempts, placeOf, rankEntries, recordAttempt } from '../../src/exercises/standings.js';
import type { Attempt, Entry } from '../../src/exercises/types.js';

const attempt = (over: Partial<Attempt> = {}): Attempt => ({
  accuracy: 0.75,
  loss: 0.1,
  wrong: 1,
  rows: 4,
  epochs: 1000,
  at: 1_000,
  ...over,
});
const entry = (userId: number, best: Partial<Attempt>): Entry => ({
  userId,
  name: `Student ${userId}`,
  submissions: 1,
  firstAt: 0,
  best: attempt(best),
});

describe('ranking', () => {
  it('puts higher accuracy first, then fewer rows, then fewer epochs, then the earlier submission', () => {
    const ranked = rankEntries([
      entry(1, { accuracy: 0.5 }),
      entry(2, { accuracy: 1, rows: 8 }),
      entry(3, { accuracy: 1, rows: 4, epochs: 5000 }),
      entry(4, { accuracy: 1, rows: 4, epochs: 100, at: 9 }),
      entry(5, { accuracy: 1, rows: 4, epochs: 100, at: 2 }),
    ]);
    expect(ranked.map((e) => e.userId)).toEqual([5, 4, 3, 2, 1]);
    expect(placeOf(ranked, 3)).toBe(3);
    expect(placeOf(ranked, 99)).toBeUndefined();
  });

  it('puts the lower user id first when every criterion ties, whatever order the entries came in', () => {
    const tied = [9, 3, 12, 5].map((userId) => entry(userId, { accuracy: 1, rows: 4, epochs: 100, at: 7 }));
    expect(rankEntries(tied).map((e) => e.userId)).toEqual([3, 5, 9, 12]);
    expect(rankEntries([...tied].reverse()).map((e) => e.userId)).toEqual([3, 5, 9, 12]);
  });

  it('ignores the loss', () => {
    expect(compareAttempts(attempt({ loss: 0.9 }), attempt({ loss: 0.01 }))).toBe(0);
  });
});

describe('recordAttempt', () => {
  const student = { userId: 7, name: 'Ann', username: 'ann' };

  it('keeps the best attempt and counts every one', () => {
    const first = recordAttempt(undefined, student, attempt({ accuracy: 0.5, at: 10 }), 3);
    if (!first.ok) throw new Error('refused');
    const better = recordAttempt(first.entry, student, attempt({ accuracy: 1, at: 20 }), 3);
    if (!better.ok) throw new Error('refused');
    const worse = recordAttempt(better.entry, student, attempt({ accuracy: 0.25, at: 30 }), 3);
    if (!worse.ok) throw new Error('refused');
    expect([first.improved, better.improved, worse.improved]).toEqual([true, true, false]);
    expect(worse.entry).toMatchObject({ submissions: 3, firstAt: 10, username: 'ann' });
    expect(worse.entry.best).toMatchObject({ accuracy: 1, at: 20 });
    expect(worse.left).toBe(0);
  });

  it('does not call an attempt that only ties the best an improvement', () => {
    const first = recordAttempt(undefined, student, attempt(), 3);
    if (!first.ok) throw new Error('refused');
    const same = recordAttempt(first.entry, student, attempt(), 3);
    expect(same.ok && same.improved).toBe(false);
  });

  it('stores no username for a student who has none', () => {
    const first = recordAttempt(undefined, { userId: 8, name: 'Bo' }, attempt(), 3);
    if (!first.ok) throw new Error('refused');
    expect(Object.keys(first.entry)).not.toContain('username');
  });

  it('refuses a submission beyond the limit and changes nothing', () => {
    const full = { ...entry(7, {}), submissions: 10 };
    expect(recordAttempt(full, student, attempt({ accuracy: 1 }), 10)).toEqual({
      ok: false,
      reason: 'limit',
      limit: 10,
    });
  });

  it('says how many are left', () => {
    const first = recordAttempt(undefined, student, attempt(), 10);
    expect(first.ok && first.left).toBe(9);
  });

  it('counts the submissions to the same task in its other runs too', () => {
    expect(recordAttempt(undefined, student, attempt(), 10, 10)).toEqual({
      ok: false,
      reason: 'task',
      limit: 10,
    });
    const afterEarlierRuns = recordAttempt(undefined, student, attempt(), 10, 7);
    expect(afterEarlierRuns.ok && afterEarlierRuns.left).toBe(2);
    expect(afterEarlierRuns.ok && afterEarlierRuns.entry.submissions).toBe(1);
    const full = { ...entry(7, {}), submissions: 10 };
    expect(recordAttempt(full, student, attempt(), 10, 10)).toMatchObject({ ok: false, reason: 'limit' });
  });
});
