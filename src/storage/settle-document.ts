/**
 * Stored documents are frozen values equal to what reading their file back gives. Making one by a JSON
 * round trip walks every row of a large dataset on each update, though an update usually changes one row
 * or the model and keeps the rest of the previous version. Here, parts of an earlier stored version are
 * recognised and kept as they are; only new parts are walked, and only new rows are encoded.
 *
 * A row is any object inside an array (a dataset's row, a point of the loss curve). Rows are not
 * remembered one by one: a weak table entry and a text for each of 1,000 rows in each of a hundred
 * documents made every full garbage collection several times longer. An array of rows is remembered
 * instead, with its encoding and where each row's text ends in it; a new array that starts with the same
 * rows (the previous version plus a row) keeps those rows and that part of the text.
 */

/** Settled objects but rows: documents, their records, and arrays other than arrays of numbers. */
const settled = new WeakSet<object>();
/** The newest settled array of rows that starts with a given row. */
const newestArrayByFirst = new WeakMap<object, readonly unknown[]>();
/** The encodings of settled arrays of rows. */
const arrayTexts = new WeakMap<readonly unknown[], ArrayText>();

/** An array's encoding without its brackets, and the offset in it where each item's text ends. */
interface ArrayText {
  inner: string;
  ends: Uint32Array;
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** `JSON.parse(JSON.stringify(value))`, frozen, reusing every part of `value` that is already settled. */
export function settleDocument<T>(value: T): T {
  const result = settleValue(value, 'other');
  if (result === undefined) throw new TypeError('A document must be a JSON value');
  return result as T;
}

/** New rows settled between two turns of the event loop: about a millisecond of work for 32 inputs. */
const ROWS_PER_SLICE = 128;

/**
 * settleDocument, but a top-level array with many new rows (an imported file's 1,000) is settled a slice
 * at a time, with `pause` between slices, so that other members' replies are not held up behind it.
 */
export async function settleDocumentInSlices<T>(value: T, pause: () => Promise<void>): Promise<T> {
  if (!isPlainRecord(value)) return settleDocument(value);
  let prepared: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (!Array.isArray(child) || settled.has(child) || !isPlainJson(child)) continue;
    if (isPlainNumbers(child) || countNewObjects(child) < ROWS_PER_SLICE) continue;
    prepared ??= { ...value };
    const steps = settleItems(child, 'other');
    let step = steps.next();
    while (!step.done) {
      await pause();
      step = steps.next();
    }
    prepared[key] = step.value;
  }
  return settleDocument((prepared ?? value) as T);
}

/** Freezes a value JSON.parse made and marks it settled. */
export function settleParsed<T>(value: T): T {
  if (isObject(value)) markParsed(value, 'other');
  return value;
}

/** The same text as `JSON.stringify(document)` for a settled document, reusing its arrays' encodings. */
export function encodeSettled(document: unknown): string {
  if (!isObject(document)) return JSON.stringify(document);
  if (Array.isArray(document)) {
    return document.some(isObject) ? `[${textOfArray(document).inner}]` : JSON.stringify(document);
  }
  const record = document as Record<string, unknown>;
  const fields = Object.keys(record).map((key) => `${JSON.stringify(key)}:${encodeSettled(record[key])}`);
  return `{${fields.join(',')}}`;
}

/** An array or a plain object without toJSON: what can be settled part by part, not by a round trip. */
function isPlainJson(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  const plain = Array.isArray(value) || prototype === Object.prototype || prototype === null;
  return plain && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  isObject(value) && !Array.isArray(value) && isPlainJson(value);

/** How many leading items `items` shares with the newest settled array that starts with the same row. */
function sharedPrefix(items: readonly unknown[]): { from: readonly unknown[]; count: number } | undefined {
  const first = items[0];
  const from = isObject(first) ? newestArrayByFirst.get(first) : undefined;
  if (from === undefined) return undefined;
  const most = Math.min(from.length, items.length);
  let count = 1;
  while (count < most && items[count] === from[count]) count += 1;
  return { from, count };
}

/** The objects among `items` that are neither kept from an earlier array nor settled elsewhere. */
function countNewObjects(items: readonly unknown[]): number {
  let count = 0;
  for (let i = sharedPrefix(items)?.count ?? 0; i < items.length; i++) {
    const item = items[i];
    if (isObject(item) && !settled.has(item)) count += 1;
  }
  return count;
}

/** An array's text built item by item, after the text of the items it keeps from an earlier array. */
class TextAssembly {
  readonly #parts: string[] = [];
  readonly #ends: Uint32Array;
  #count = 0;
  #offset = 0;

  constructor(length: number, kept?: { text: ArrayText; count: number }) {
    this.#ends = new Uint32Array(length);
    if (kept === undefined) return;
    this.#offset = kept.text.ends[kept.count - 1] ?? 0;
    this.#parts.push(kept.text.inner.slice(0, this.#offset));
    this.#ends.set(kept.text.ends.subarray(0, kept.count));
    this.#count = kept.count;
  }

  get count(): number {
    return this.#count;
  }

  add(text: string): void {
    this.#offset += (this.#count === 0 ? 0 : 1) + text.length;
    this.#ends[this.#count] = this.#offset;
    this.#count += 1;
    this.#parts.push(text);
  }

  /** The text; joining makes one flat string, not a tree of pieces kept alive with the document. */
  finish(): ArrayText {
    return { inner: this.#parts.join(','), ends: this.#ends };
  }
}

const encodeItem = (item: unknown): string => JSON.stringify(item) ?? 'null';

/** The text of a settled array of rows: remembered, or made from the earlier array it starts like. */
function textOfArray(items: readonly unknown[]): ArrayText {
  const known = arrayTexts.get(items);
  if (known !== undefined) return known;
  const prefix = sharedPrefix(items);
  const keptText = prefix && prefix.from !== items ? arrayTexts.get(prefix.from) : undefined;
  const assembly = new TextAssembly(
    items.length,
    prefix && keptText ? { text: keptText, count: prefix.count } : undefined,
  );
  for (let i = assembly.count; i < items.length; i++) assembly.add(encodeItem(items[i]));
  const text = assembly.finish();
  if (Object.isFrozen(items)) arrayTexts.set(items, text);
  return text;
}

/**
 * Where a value sits: a row (an object inside an array), directly inside a row, or elsewhere. The numbers
 * of a row stay unfrozen: freezing an array of decimals boxes each one, 2.5 times the memory of a dataset
 * (the Row type marks them readonly instead).
 */
type Place = 'row' | 'in-row' | 'other';

function settleValue(value: unknown, place: Place): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON writes -0 as 0 and has no NaN or Infinity: they read back as 0 and null.
      return Number.isFinite(value) ? value + 0 : null;
    case 'object':
      if (value === null) return null;
      return settled.has(value) ? value : settleObject(value, place);
    case 'bigint':
      throw new TypeError('A document cannot hold a BigInt');
    default:
      // undefined, functions and symbols: JSON leaves them out (and writes null in an array).
      return undefined;
  }
}

function settleObject(value: object, place: Place): object {
  if (!isPlainJson(value)) {
    const parsed = JSON.parse(JSON.stringify(value)) as unknown;
    if (isObject(parsed)) markParsed(parsed, place);
    return parsed as object;
  }
  if (Array.isArray(value)) {
    if (isPlainNumbers(value)) {
      const numbers = copyNumbers(value);
      return place === 'in-row' ? numbers : Object.freeze(numbers);
    }
    const steps = settleItems(value, place);
    let step = steps.next();
    while (!step.done) step = steps.next();
    return step.value;
  }
  const record = settleRecord(value as Record<string, unknown>, place === 'row' ? 'in-row' : 'other');
  if (place !== 'row') settled.add(record);
  return Object.freeze(record);
}

/**
 * Settles an array's items, keeping those it shares with an earlier settled array, and encodes the new
 * ones; pauses (yields) after each slice of new objects. Returns the array, frozen and remembered.
 */
function* settleItems(value: readonly unknown[], place: Place): Generator<void, readonly unknown[]> {
  const prefix = sharedPrefix(value);
  const kept = prefix?.count ?? 0;
  const keptText = prefix ? arrayTexts.get(prefix.from) : undefined;
  // Without the text of the kept rows (a document just read from its file), the whole text is made when
  // the array is first encoded.
  let assembly: TextAssembly | undefined;
  if (kept === 0) assembly = new TextAssembly(value.length);
  else if (keptText) assembly = new TextAssembly(value.length, { text: keptText, count: kept });
  // Filled by push, the array stays packed: V8's fast paths (every, map) skip holey arrays.
  const result: unknown[] = value.slice(0, kept);
  let inSlice = 0;
  for (let i = kept; i < value.length; i++) {
    const item = value[i];
    const fresh = isObject(item) && !settled.has(item);
    const settledItem = settleValue(item, 'row') ?? null;
    result.push(settledItem);
    assembly?.add(encodeItem(settledItem));
    if (fresh && ++inSlice === ROWS_PER_SLICE) {
      inSlice = 0;
      yield;
    }
  }
  // Numbers after all (boxed numbers settle as plain ones), directly in a row: unfrozen, like a row's inputs.
  if (place === 'in-row' && isPlainNumbers(result)) return result;
  Object.freeze(result);
  if (place !== 'row') settled.add(result);
  const first = result[0];
  if (isObject(first)) newestArrayByFirst.set(first, result);
  if (assembly !== undefined && result.some(isObject)) arrayTexts.set(result, assembly.finish());
  return result;
}

/**
 * A copy as V8 stores it most compactly: unboxed decimals, packed, no spare room (a structured clone's
 * array boxes each number; one filled by push keeps a quarter more room than it holds).
 */
const copyNumbers = (value: readonly unknown[]): number[] => value.map((item) => item as number);

function isPlainNumbers(value: readonly unknown[]): boolean {
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    // Finite and not -0: what JSON writes and reads back unchanged (a hole reads as undefined: no).
    if (typeof item !== 'number' || item - item !== 0 || Object.is(item, -0)) return false;
  }
  return true;
}

function settleRecord(value: Record<string, unknown>, childPlace: Place): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const child = settleValue(value[key], childPlace);
    if (child === undefined) continue;
    // A key "__proto__" is an own property in what JSON.parse makes, never the prototype.
    if (key === '__proto__') {
      Object.defineProperty(result, key, {
        value: child,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else result[key] = child;
  }
  return result;
}

/** Marks what JSON.parse made, already in JSON's form, as settled, and freezes it. */
function markParsed(value: object, place: Place): void {
  if (settled.has(value) || Object.isFrozen(value)) return;
  const numbers = Array.isArray(value) && isPlainNumbers(value);
  if (numbers && place === 'in-row') return;
  if (Array.isArray(value)) {
    for (const item of value) if (isObject(item)) markParsed(item, 'row');
    const first = value[0];
    if (isObject(first)) newestArrayByFirst.set(first, value);
  } else {
    const childPlace = place === 'row' ? 'in-row' : 'other';
    for (const child of Object.values(value)) if (isObject(child)) markParsed(child, childPlace);
  }
  if (place !== 'row' && !numbers) settled.add(value);
  Object.freeze(value);
}
