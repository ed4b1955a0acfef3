/**
 * Rows as a rows field holds them: flat objects, whose values are JSON primitives or arrays of numbers
 * (a perceptron's `{ inputs: [0.5, 1], output: 1 }`). Being flat, a row is copied with one slice() per
 * array and compared number by number, a small part of the cost of encoding it.
 *
 * The store's own rows are never handed to code outside the store, and inside it their arrays are read by
 * index in one place only (`stored[i]` below), which sees nothing else. V8 compiles an indexed read that
 * has met both arrays of decimals and arrays of other values so that it first turns each array of
 * decimals it reads into an array of boxed numbers: a stored dataset would take 2.5 times its memory.
 */
export type FlatRow = Record<string, unknown>;

const isNumber = (item: unknown): boolean => typeof item === 'number';

/** True for a flat object: its values are null, booleans, numbers, strings or arrays of numbers. */
export function isFlatRow(row: unknown): row is FlatRow {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return false;
  return Object.values(row).every((value) =>
    Array.isArray(value) ? value.every(isNumber) : typeof value !== 'object' || value === null,
  );
}

/** A copy of a flat row that its holder may change freely. */
export function copyRow(row: FlatRow): FlatRow {
  const copy = { ...row };
  for (const key of Object.keys(copy)) {
    const value = copy[key];
    if (!Array.isArray(value)) continue;
    // A key "__proto__" stays an own property, as JSON.parse makes it.
    if (key === '__proto__') {
      Object.defineProperty(copy, key, {
        value: value.slice(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else copy[key] = value.slice();
  }
  return copy;
}

/** True when `row` (anything a caller made) holds the same keys and values as the stored flat row. */
export function sameRow(row: unknown, stored: FlatRow): boolean {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return false;
  const keys = Object.keys(stored);
  if (Object.keys(row).length !== keys.length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(row, key)) return false;
    const mine = (row as FlatRow)[key];
    const theirs = stored[key];
    if (Array.isArray(theirs) ? !sameNumbers(mine, theirs) : mine !== theirs) return false;
  }
  return true;
}

function sameNumbers(mine: unknown, stored: readonly unknown[]): boolean {
  if (!Array.isArray(mine) || mine.length !== stored.length) return false;
  for (let i = 0; i < stored.length; i++) if (mine[i] !== stored[i]) return false;
  return true;
}
