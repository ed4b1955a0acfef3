/**
 * Stored documents are frozen values equal to what reading their file back gives. Making one by a JSON
 * round trip walks every row of a large dataset on each update, though an update usually changes one row
 * or the model and keeps the rest of the previous version. Here, parts of an earlier stored version are
 * recognised and kept as they are; only new parts are walked, and only new rows are encoded.
 *
 * A row is any object inside an array (a dataset's row, a point of the loss curve): it is remembered with
 * its encoding, so that the next version's encoding joins the texts it already has. Arrays of numbers are
 * copied whole, never remembered: one entry per row keeps the weak tables, which the garbage collector
 * walks on every full collection, small.
 */

/** Settled rows and their encoding. */
const rowTexts = new WeakMap<object, string>();
/** Other settled objects: documents and their records and arrays (but arrays of numbers). */
const settled = new WeakSet<object>();

const isSettled = (value: object): boolean => rowTexts.has(value) || settled.has(value);

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
    if (!Array.isArray(child) || countNewObjects(child) < ROWS_PER_SLICE) continue;
    prepared ??= { ...value };
    prepared[key] = await settleItemsInSlices(child, pause);
  }
  return settleDocument((prepared ?? value) as T);
}

/** An array or a plain object without toJSON: what can be settled part by part, not by a round trip. */
function isPlainJson(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  const plain = Array.isArray(value) || prototype === Object.prototype || prototype === null;
  return plain && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && isPlainJson(value);

const isNewObject = (item: unknown): item is object =>
  typeof item === 'object' && item !== null && !isSettled(item);

function countNewObjects(items: readonly unknown[]): number {
  let count = 0;
  for (const item of items) if (isNewObject(item)) count += 1;
  return count;
}

/** The items with every new object settled as a row; the array itself is left to settleDocument. */
async function settleItemsInSlices(items: readonly unknown[], pause: () => Promise<void>) {
  const result: unknown[] = [];
  let inSlice = 0;
  for (const item of items) {
    const fresh = isNewObject(item);
    result.push(fresh ? settleValue(item, 'row') : item);
    if (fresh && ++inSlice === ROWS_PER_SLICE) {
      inSlice = 0;
      await pause();
    }
  }
  return result;
}

/** Freezes a value JSON.parse made and marks it settled. */
export function settleParsed<T>(value: T): T {
  if (typeof value === 'object' && value !== null) markParsed(value, 'other');
  return value;
}

/** The same text as `JSON.stringify(document)` for a settled document, reusing its rows' encodings. */
export function encodeSettled(document: unknown): string {
  if (typeof document !== 'object' || document === null) return JSON.stringify(document);
  const known = rowTexts.get(document);
  if (known !== undefined) return known;
  if (Array.isArray(document)) {
    if (!document.some((item) => typeof item === 'object' && item !== null)) return JSON.stringify(document);
    return `[${document.map(encodeSettled).join(',')}]`;
  }
  const record = document as Record<string, unknown>;
  const fields = Object.keys(record).map((key) => `${JSON.stringify(key)}:${encodeSettled(record[key])}`);
  return `{${fields.join(',')}}`;
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
      return isSettled(value) ? value : settleObject(value, place);
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
    if (typeof parsed === 'object' && parsed !== null) markParsed(parsed, place);
    return parsed as object;
  }
  // A row's text from the value given, which encodes the same as its settled copy.
  const text = place === 'row' ? JSON.stringify(value) : undefined;
  let result: object;
  if (Array.isArray(value)) {
    const numbers = isPlainNumbers(value);
    const items = numbers ? value.slice() : settleArray(value);
    if (place === 'in-row' && (numbers || isPlainNumbers(items))) return items;
    if (text === undefined && numbers) return Object.freeze(items);
    result = items;
  } else {
    result = settleRecord(value as Record<string, unknown>, place === 'row' ? 'in-row' : 'other');
  }
  if (text !== undefined) rowTexts.set(result, text);
  else settled.add(result);
  return Object.freeze(result);
}

function settleArray(value: readonly unknown[]): unknown[] {
  // Filled by push, the array stays packed: V8's fast paths (every, map) skip holey arrays.
  const result: unknown[] = [];
  for (let i = 0; i < value.length; i++) result.push(settleValue(value[i], 'row') ?? null);
  return result;
}

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

/** Marks what JSON.parse made, already in JSON's form: a row's text first, while nothing in it is frozen. */
function markParsed(value: object, place: Place): void {
  if (isSettled(value) || Object.isFrozen(value)) return;
  const numbers = Array.isArray(value) && isPlainNumbers(value);
  if (numbers && place === 'in-row') return;
  const text = place === 'row' ? JSON.stringify(value) : undefined;
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object' && item !== null) markParsed(item, 'row');
  } else {
    const childPlace = place === 'row' ? 'in-row' : 'other';
    for (const child of Object.values(value)) {
      if (typeof child === 'object' && child !== null) markParsed(child, childPlace);
    }
  }
  if (text !== undefined) rowTexts.set(value, text);
  else if (!numbers) settled.add(value);
  Object.freeze(value);
}
