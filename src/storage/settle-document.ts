/**
 * Stored documents are frozen values equal to what reading their file back gives. Making one by a JSON
 * round trip walks every row of a large dataset on each update, though an update usually changes one row
 * or the model and keeps the rest of the previous version. Here, parts of an earlier stored version are
 * recognised and kept as they are; only new parts are walked, and only new rows are encoded.
 */

/** Frozen objects already in JSON's form: reading their encoding back gives an equal value. */
const settled = new WeakSet<object>();
/** The encoding of objects inside long arrays (the rows), so that an unchanged row is not encoded again. */
const encodings = new WeakMap<object, string>();
const LONG_ARRAY = 16;

/** `JSON.parse(JSON.stringify(value))`, frozen, reusing every part of `value` that is already settled. */
export function settleDocument<T>(value: T): T {
  const result = settleValue(value);
  if (result === undefined) throw new TypeError('A document must be a JSON value');
  return result as T;
}

/** Freezes a value JSON.parse made and marks it settled. */
export function settleParsed<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !settled.has(value)) {
    for (const child of Object.values(value)) settleParsed(child);
    Object.freeze(value);
    settled.add(value);
  }
  return value;
}

/** The same text as `JSON.stringify(document)` for a settled document, reusing its rows' encodings. */
export function encodeSettled(document: unknown): string {
  return encodeValue(document, false);
}

function settleValue(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON writes -0 as 0 and has no NaN or Infinity: they read back as 0 and null.
      return Number.isFinite(value) ? value + 0 : null;
    case 'object':
      return value === null ? null : settleObject(value);
    case 'bigint':
      throw new TypeError('A document cannot hold a BigInt');
    default:
      // undefined, functions and symbols: JSON leaves them out (and writes null in an array).
      return undefined;
  }
}

function settleObject(value: object): object {
  if (settled.has(value)) return value;
  const prototype = Object.getPrototypeOf(value);
  const plain = Array.isArray(value) || prototype === Object.prototype || prototype === null;
  if (!plain || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return settleParsed(JSON.parse(JSON.stringify(value)));
  }
  const result = Array.isArray(value) ? settleArray(value) : settleRecord(value as Record<string, unknown>);
  Object.freeze(result);
  settled.add(result);
  return result;
}

function settleArray(value: readonly unknown[]): unknown[] {
  // Filled by push, the array stays packed: V8's fast paths (every, map) skip holey arrays.
  const result: unknown[] = [];
  for (let i = 0; i < value.length; i++) result.push(settleValue(value[i]) ?? null);
  return result;
}

function settleRecord(value: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const child = settleValue(value[key]);
    if (child === undefined) continue;
    // A key "__proto__" is an own property in what JSON.parse makes, never the prototype.
    Object.defineProperty(result, key, {
      value: child,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

function encodeValue(value: unknown, remember: boolean): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const known = encodings.get(value);
  if (known !== undefined) return known;
  let text: string;
  if (remember) {
    // A row: JSON's own encoder is the fastest, and a settled value encodes the same either way.
    text = JSON.stringify(value);
  } else if (Array.isArray(value)) {
    const ofObjects = value.length >= LONG_ARRAY && value.some((item) => typeof item === 'object');
    text = ofObjects ? `[${value.map((item) => encodeValue(item, true)).join(',')}]` : JSON.stringify(value);
  } else {
    const record = value as Record<string, unknown>;
    const fields = Object.keys(record).map(
      (key) => `${JSON.stringify(key)}:${encodeValue(record[key], false)}`,
    );
    text = `{${fields.join(',')}}`;
  }
  if (remember) encodings.set(value, text);
  return text;
}
