/**
 * Stored documents are frozen values equal to what reading their file back gives. Making one by a JSON
 * round trip walks every row of a large dataset on each update, though an update usually changes one row
 * or the model and keeps the rest of the previous version. Here, parts of an earlier stored version are
 * recognised and kept as they are; only new parts are walked, and only new rows are encoded (how arrays
 * of rows are recognised: array-texts.ts).
 */
import { innerTextOf, type Run, rememberArray, runAt, textOfRun } from './array-texts.js';

/** Settled objects but rows: documents, their records, and arrays other than arrays of numbers. */
const settled = new WeakSet<object>();

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

/**
 * An array of rows from its JSON text, made where the rows were read (a document worker): parsed,
 * frozen and remembered with that very text, so that a document taking these rows neither walks nor
 * encodes them again. The file then holds the text the rows were parsed from, so it reads back the same.
 */
export function settleArrayText(text: string): readonly unknown[] {
  const parsed = JSON.parse(text) as unknown;
  if (!Array.isArray(parsed)) throw new TypeError('The text of an array was expected');
  markParsed(parsed, 'other', text.trim().slice(1, -1));
  return parsed;
}

/**
 * The text of a settled document, reusing its arrays' encodings: `JSON.stringify(document)`, but where
 * rows came from settleArrayText, whose own text (JSON.stringify's, as the document worker writes it) is
 * kept.
 */
export function encodeSettled(document: unknown): string {
  if (!isObject(document)) return JSON.stringify(document);
  if (Array.isArray(document)) {
    return document.some(isObject) ? `[${innerTextOf(document, encodeItem)}]` : JSON.stringify(document);
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

/** The objects among `items` that are neither in runs of settled arrays nor settled elsewhere. */
function countNewObjects(items: readonly unknown[]): number {
  let count = 0;
  for (let i = 0; i < items.length; ) {
    const run = runAt(items, i);
    if (run) {
      i += run.count;
      continue;
    }
    const item = items[i];
    if (isObject(item) && !settled.has(item)) count += 1;
    i += 1;
  }
  return count;
}

const encodeItem = (item: unknown): string => JSON.stringify(item) ?? 'null';

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
 * Settles an array's items, keeping the runs it shares with settled arrays, and encodes the new ones;
 * pauses (yields) after each slice of new objects. Returns the array, frozen and remembered.
 */
function* settleItems(value: readonly unknown[], place: Place): Generator<void, readonly unknown[]> {
  // Filled by push, the array stays packed: V8's fast paths (every, map) skip holey arrays.
  const result: unknown[] = [];
  const runs: Run[] = [];
  // Pieces of the text, until a run's text is unknown (a document just read from its file): then the
  // whole text is made when the array is first encoded.
  let parts: string[] | undefined = [];
  let inSlice = 0;
  for (let i = 0; i < value.length; ) {
    const run = runAt(value, i);
    if (run) {
      for (let j = 0; j < run.count; j++) result.push(value[i + j]);
      runs.push(run);
      const text = parts && textOfRun(run);
      if (text === undefined) parts = undefined;
      else parts?.push(text);
      i += run.count;
      continue;
    }
    const item = value[i];
    const fresh = isObject(item) && !settled.has(item);
    const settledItem = settleValue(item, 'row') ?? null;
    result.push(settledItem);
    parts?.push(encodeItem(settledItem));
    i += 1;
    if (fresh && ++inSlice === ROWS_PER_SLICE) {
      inSlice = 0;
      yield;
    }
  }
  // Numbers after all (boxed numbers settle as plain ones), directly in a row: unfrozen, like a row's inputs.
  if (place === 'in-row' && isPlainNumbers(result)) return result;
  Object.freeze(result);
  if (place !== 'row') settled.add(result);
  rememberArray(result, parts?.join(','), runs);
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

/** Marks what JSON.parse made, already in JSON's form, as settled, and freezes it; `inner`: an array's text. */
function markParsed(value: object, place: Place, inner?: string): void {
  if (settled.has(value) || Object.isFrozen(value)) return;
  const numbers = Array.isArray(value) && isPlainNumbers(value);
  if (numbers && place === 'in-row') return;
  if (Array.isArray(value)) {
    for (const item of value) if (isObject(item)) markParsed(item, 'row');
  } else {
    const childPlace = place === 'row' ? 'in-row' : 'other';
    for (const child of Object.values(value)) if (isObject(child)) markParsed(child, childPlace);
  }
  if (place !== 'row' && !numbers) settled.add(value);
  Object.freeze(value);
  if (Array.isArray(value)) rememberArray(value, inner);
}
