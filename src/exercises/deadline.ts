const UNITS: Record<string, number> = { s: 1_000, m: 60_000, min: 60_000, h: 3_600_000 };

export type Duration =
  | { ok: true; ms: number }
  | { ok: false; reason: 'format' | 'notPositive' | 'tooLong'; text: string };

/**
 * A time limit as a teacher types it: `20m`, `1h`, `90s`, `1h30m`. Zero or negative is not a deadline;
 * one beyond `maxMs` is refused.
 */
export function parseDuration(text: string, maxMs: number): Duration {
  const clean = text.trim().toLowerCase();
  if (/^-/.test(clean)) return { ok: false, reason: 'notPositive', text };
  if (!/^(\d{1,5}(h|min|m|s))+$/.test(clean)) return { ok: false, reason: 'format', text };
  let ms = 0;
  for (const [, amount, unit] of clean.matchAll(/(\d{1,5})(h|min|m|s)/g))
    ms += Number(amount) * (UNITS[unit as string] as number);
  if (ms <= 0) return { ok: false, reason: 'notPositive', text };
  if (ms > maxMs) return { ok: false, reason: 'tooLong', text };
  return { ok: true, ms };
}

/** Whole minutes until the deadline, a started one counted: 1 until the very end, 0 once it passed. */
export function minutesLeft(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 60_000));
}

/** When `minutesLeft` next changes after `now`: the next whole minute before the deadline. */
export function nextMinuteChange(deadline: number, now: number): number {
  return deadline - (minutesLeft(deadline, now) - 1) * 60_000;
}
