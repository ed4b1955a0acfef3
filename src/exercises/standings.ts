import type { Attempt, Entry } from './types.js';

/**
 * Ranking order: higher accuracy first, then fewer training rows, then fewer epochs, then the earlier
 * submission. Negative when `a` ranks above `b`.
 */
export function compareAttempts(a: Attempt, b: Attempt): number {
  return b.accuracy - a.accuracy || a.rows - b.rows || a.epochs - b.epochs || a.at - b.at;
}

/** Entries from first place to last; ties of every criterion keep the lower user id first. */
export function rankEntries(entries: readonly Entry[]): Entry[] {
  return [...entries].sort((a, b) => compareAttempts(a.best, b.best) || a.userId - b.userId);
}

/** Who submits, as the standings name them. */
export interface Student {
  userId: number;
  name: string;
  username?: string;
}

export type Recorded =
  | { ok: true; entry: Entry; improved: boolean; left: number }
  | { ok: false; reason: 'limit' | 'task'; limit: number };

/**
 * Adds one attempt to a student's entry in a run (undefined before their first). The best attempt counts;
 * beyond `limit` submissions nothing changes: this run's ('limit'), or those the student made to the same
 * task in every run of it, this one included (`taskSubmissions`, refused as 'task'). `left` is how many
 * the student may still make.
 */
export function recordAttempt(
  entry: Entry | undefined,
  student: Student,
  attempt: Attempt,
  limit: number,
  taskSubmissions = 0,
): Recorded {
  const submissions = entry?.submissions ?? 0;
  if (submissions >= limit) return { ok: false, reason: 'limit', limit };
  if (taskSubmissions >= limit) return { ok: false, reason: 'task', limit };
  const improved = !entry || compareAttempts(attempt, entry.best) < 0;
  const next: Entry = {
    userId: student.userId,
    name: student.name,
    ...(student.username === undefined ? {} : { username: student.username }),
    submissions: submissions + 1,
    firstAt: entry?.firstAt ?? attempt.at,
    best: improved ? attempt : (entry as Entry).best,
  };
  const used = Math.max(next.submissions, taskSubmissions + 1);
  return { ok: true, entry: next, improved, left: limit - used };
}

/** A student's place, 1 for the first; undefined when they have not submitted. */
export function placeOf(ranked: readonly Entry[], userId: number): number | undefined {
  const index = ranked.findIndex((entry) => entry.userId === userId);
  return index === -1 ? undefined : index + 1;
}
