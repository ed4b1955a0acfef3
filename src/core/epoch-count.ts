import { cutText } from './cut-text.js';
import { readNumber, readWholeNumber } from './read-number.js';

/** Epochs asked for, or why they cannot run: not a whole number, more than the limit, or none at all. */
export type EpochCount =
  | { ok: true; epochs: number }
  | { ok: false; problem: 'notWhole'; token: string }
  | { ok: false; problem: 'tooMany' | 'tooFew'; epochs: number };

/** Reads the epochs after /train or /compare: a whole number from 1 to `max`. */
export function readEpochCount(text: string, max: number): EpochCount {
  const value = readNumber(text);
  // Too many is the news even when the number is not whole or too big to be exact: 1e20, 200000.5.
  if (typeof value === 'number' && value > max) return { ok: false, problem: 'tooMany', epochs: value };
  const epochs = readWholeNumber(text);
  if (epochs === undefined) return { ok: false, problem: 'notWhole', token: cutText(text.trim(), 20) };
  return epochs < 1 ? { ok: false, problem: 'tooFew', epochs } : { ok: true, epochs };
}

/**
 * The epochs of a /train or /compare: those typed after the command, or else the stored setting, which
 * may predate a lower limit and is then cut to it.
 */
export function readAskedEpochs(argument: string, stored: number, max: number): EpochCount {
  return argument.trim() === '' ? { ok: true, epochs: Math.min(stored, max) } : readEpochCount(argument, max);
}
