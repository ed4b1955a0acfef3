/**
 * The encodings of settled arrays of rows (objects inside arrays), so that a new version of a document
 * encodes only its new rows. A new array is read as runs: stretches of items that start some settled
 * array and go on with it, like the previous version's rows followed by a file's rows. A run's text is
 * a piece of that array's text.
 *
 * Rows are not remembered one by one: a weak table entry and a text for each of 1,000 rows in each of a
 * hundred documents made every full garbage collection several times longer.
 */

/** The newest settled array that starts with a given row. */
const newestByFirst = new WeakMap<object, readonly unknown[]>();
/** The encodings of settled arrays of rows. */
const texts = new WeakMap<readonly unknown[], ArrayText>();

/** An array's encoding without its brackets; where each item's text ends in it, found when first needed. */
interface ArrayText {
  inner: string;
  ends?: Uint32Array;
}

/** Items `at` onward that are the first `count` items of the settled array `from`. */
export interface Run {
  from: readonly unknown[];
  count: number;
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** The longest run starting at `items[at]`, if a settled array starts with that item. */
export function runAt(items: readonly unknown[], at: number): Run | undefined {
  const first = items[at];
  const from = isObject(first) ? newestByFirst.get(first) : undefined;
  if (from === undefined) return undefined;
  const most = Math.min(from.length, items.length - at);
  let count = 1;
  while (count < most && items[at + count] === from[count]) count += 1;
  return { from, count };
}

/** The text of a run's items, if its array's text is known. */
export function textOfRun(run: Run): string | undefined {
  const text = texts.get(run.from);
  if (text === undefined) return undefined;
  if (run.count === run.from.length) return text.inner;
  text.ends ??= itemEnds(text.inner);
  const end = text.ends.length === run.from.length ? text.ends[run.count - 1] : undefined;
  return end === undefined ? undefined : text.inner.slice(0, end);
}

/**
 * Remembers a settled, frozen array as the newest that starts with its first item, with its text when
 * known. The arrays of runs inside it, past its start, are forgotten: this one now holds their rows.
 */
export function rememberArray(array: readonly unknown[], inner?: string, runs: readonly Run[] = []): void {
  for (const run of runs) {
    const first = run.from[0];
    if (isObject(first) && first !== array[0] && newestByFirst.get(first) === run.from) {
      newestByFirst.delete(first);
    }
  }
  const first = array[0];
  if (isObject(first)) newestByFirst.set(first, array);
  if (inner !== undefined && array.some(isObject)) texts.set(array, { inner });
}

/** The encoding of a settled array of rows without brackets: remembered, or made from its runs' texts. */
export function innerTextOf(array: readonly unknown[], encodeItem: (item: unknown) => string): string {
  const known = texts.get(array);
  if (known !== undefined) return known.inner;
  const parts: string[] = [];
  for (let i = 0; i < array.length; ) {
    const run = runAt(array, i);
    const text = run && run.from !== array ? textOfRun(run) : undefined;
    if (run && text !== undefined) {
      parts.push(text);
      i += run.count;
    } else {
      parts.push(encodeItem(array[i]));
      i += 1;
    }
  }
  // Joining makes one flat string, not a tree of pieces kept alive with the document.
  const inner = parts.join(',');
  if (Object.isFrozen(array)) texts.set(array, { inner });
  return inner;
}

/** Where each item's text ends in an array's inner text: at each comma outside strings and nesting. */
function itemEnds(inner: string): Uint32Array {
  const ends: number[] = [];
  let depth = 0;
  let inString = false;
  for (let i = 0; i < inner.length; i++) {
    const code = inner.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i += 1;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) depth += 1;
    else if (code === 0x5d || code === 0x7d) depth -= 1;
    else if (code === 0x2c && depth === 0) ends.push(i);
  }
  ends.push(inner.length);
  return Uint32Array.from(ends);
}
