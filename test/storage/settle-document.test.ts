import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeSettled,
  settleArrayText,
  settleDocument,
  settleDocumentInSlices,
  settleParsed,
} from '../../src/storage/settle-document.js';

const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Values of every kind JSON meets in JavaScript, wrapped so that the top level is always an object. */
const anyDocument = fc
  .anything({
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withSparseArray: true,
    withTypedArray: true,
  })
  .map((value) => ({ value, list: [value, undefined, -0, Number.NaN, Number.POSITIVE_INFINITY] }));

const plainNumbers = (value: unknown[]) =>
  value.every((item) => typeof item === 'number' && Number.isFinite(item) && !Object.is(item, -0));

/** Frozen all through, but for the arrays of numbers directly inside rows (objects inside arrays). */
function deepFrozen(value: unknown, place: 'row' | 'in-row' | 'other' = 'other'): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value) && place === 'in-row' && plainNumbers(value)) return !Object.isFrozen(value);
  const childPlace = Array.isArray(value) ? 'row' : place === 'row' ? 'in-row' : 'other';
  return Object.isFrozen(value) && Object.values(value).every((child) => deepFrozen(child, childPlace));
}

describe('settleDocument', () => {
  it('gives what a JSON round trip gives, frozen but for the numbers of rows, and encodes to the same text', () => {
    fc.assert(
      fc.property(anyDocument, (document) => {
        const settled = settleDocument(document);
        expect(settled).toStrictEqual(roundTrip(document));
        expect(deepFrozen(settled)).toBe(true);
        expect(encodeSettled(settled)).toBe(JSON.stringify(document));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the parts of an earlier settled version, and encodes a changed one the same as JSON', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { minLength: 20, maxLength: 40 }),
        fc.array(fc.jsonValue(), { maxLength: 3 }),
        fc.nat(40),
        fc.nat(40),
        (rows, added, keep, skip) => {
          const first = settleDocument({ rows: rows.map((row) => ({ row })) });
          encodeSettled(first);
          // Rows added at the end, or in the middle after some were taken out, as /add and /undo do.
          const kept = Math.min(keep, rows.length);
          const changed = [
            ...first.rows.slice(0, kept),
            ...added.map((row) => ({ row })),
            ...first.rows.slice(Math.min(kept + skip, rows.length)),
          ];
          const next = { ...first, rows: changed, note: 'more' };
          const second = settleDocument(next);
          expect(second.rows.slice(0, kept).every((row, i) => row === first.rows[i])).toBe(true);
          expect(second).toStrictEqual(roundTrip(next));
          expect(encodeSettled(second)).toBe(JSON.stringify(next));
          // And once more from that version: what it remembered is right too.
          const third = settleDocument({ ...second, rows: [...second.rows, { row: 1 }] });
          expect(encodeSettled(third)).toBe(JSON.stringify({ ...next, rows: [...changed, { row: 1 }] }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes rows from their JSON text and keeps them, and any stretch of them, with their text', () => {
    const items = fc.array(fc.jsonValue(), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(items, items, fc.nat(70), fc.nat(70), (stored, added, from, to) => {
        const first = settleDocument({ rows: stored.map((row) => ({ row })) });
        encodeSettled(first);
        const text = JSON.stringify(added.map((row) => ({ row })));
        const parsed = settleArrayText(text);
        expect(parsed).toEqual(JSON.parse(text));
        const joined = settleDocument({ ...first, rows: [...first.rows, ...parsed] });
        expect(joined.rows.slice(stored.length).every((row, i) => row === parsed[i])).toBe(true);
        const all = [...stored, ...added].map((row) => ({ row }));
        expect(encodeSettled(joined)).toBe(JSON.stringify({ rows: all }));
        // Any stretch of the rows (strings with commas, quotes and brackets included) cuts the texts right.
        for (const [start, end] of [
          [0, to],
          [from, from + to],
        ]) {
          const stretch = settleDocument({ rows: joined.rows.slice(start, end) });
          expect(encodeSettled(stretch)).toBe(JSON.stringify({ rows: all.slice(start, end) }));
        }
      }),
      { numRuns: 300 },
    );
    expect(() => settleArrayText('{"rows":[]}')).toThrow(TypeError);
  });

  it('holds NaN and ±Infinity as null and -0 as 0 in arrays of numbers anywhere, as the file reads back', () => {
    const odd = [1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0];
    const document = {
      values: odd,
      rows: [{ inputs: odd, output: Number.NaN }],
      nested: [[Number.NaN], [Number.POSITIVE_INFINITY, 2]],
      score: Number.NEGATIVE_INFINITY,
    };
    const settled = settleDocument(document);
    const read = [1, null, null, null, 0];
    expect(settled).toStrictEqual({
      values: read,
      rows: [{ inputs: read, output: null }],
      nested: [[null], [null, 2]],
      score: null,
    });
    // toStrictEqual tells -0 from 0.
    expect(settled).toStrictEqual(roundTrip(document));
    expect(encodeSettled(settled)).toBe(JSON.stringify(document));
  });

  it('holds the same in a new version that keeps the earlier rows and adds odd ones', () => {
    const first = settleDocument({ rows: [{ inputs: [1, 2], output: 1 }] });
    encodeSettled(first);
    const next = settleDocument({ rows: [...first.rows, { inputs: [Number.NaN, -0], output: 0 }] });
    expect(next.rows[0]).toBe(first.rows[0]);
    expect(next.rows[1]).toStrictEqual({ inputs: [null, 0], output: 0 });
    expect(JSON.parse(encodeSettled(next))).toStrictEqual(next);
  });

  it("copies what the caller made, so that freezing never reaches the caller's own objects", () => {
    const rows = [{ inputs: [1, 0], output: 1 }];
    const settled = settleDocument({ rows });
    expect(Object.isFrozen(rows)).toBe(false);
    expect(settled.rows).not.toBe(rows);
    rows.push({ inputs: [0, 0], output: 0 });
    expect(settled.rows).toHaveLength(1);
  });

  it('writes a "__proto__" key as an own property, as JSON.parse does', () => {
    const document = JSON.parse('{"__proto__":{"polluted":1},"a":2}') as Record<string, unknown>;
    const settled = settleDocument(document);
    expect(Object.getPrototypeOf(settled)).toBe(Object.prototype);
    expect(Object.keys(settled)).toEqual(['__proto__', 'a']);
    expect(encodeSettled(settled)).toBe(JSON.stringify(document));
  });

  it('refuses a value JSON cannot write: a BigInt, or nothing at all', () => {
    expect(() => settleDocument({ n: 1n })).toThrow(TypeError);
    expect(() => settleDocument(undefined)).toThrow(TypeError);
  });

  it('takes a parsed value as settled: kept as it is in the next version, but arrays of numbers', () => {
    const text = '{"rows":[{"a":1}],"b":[1,2],"c":{"d":[{"e":0.5}]}}';
    const parsed = settleParsed(JSON.parse(text) as { rows: object[]; b: number[]; c: object });
    expect(deepFrozen(parsed)).toBe(true);
    const next = settleDocument({ ...parsed, f: 3 });
    expect(next.rows).toBe(parsed.rows);
    expect(next.c).toBe(parsed.c);
    // Copied whole, which is cheaper than remembering each one.
    expect(next.b).not.toBe(parsed.b);
    expect(next.b).toEqual([1, 2]);
    expect(encodeSettled(next)).toBe(JSON.stringify({ ...JSON.parse(text), f: 3 }));
  });
});

describe('settleDocumentInSlices', () => {
  const rowsOf = (count: number, seed: number) =>
    Array.from({ length: count }, (_, i) => ({ inputs: [((i * seed) % 97) / 97, -0, i], output: i % 2 }));

  it('gives what settleDocument gives, pausing between slices of a large new array only', async () => {
    let pauses = 0;
    const pause = async () => {
      pauses += 1;
    };
    const document = { version: 1, rows: rowsOf(1000, 7), note: undefined, small: rowsOf(3, 5) };
    const sliced = await settleDocumentInSlices(document, pause);
    expect(sliced).toStrictEqual(roundTrip(document));
    expect(encodeSettled(sliced)).toBe(JSON.stringify(document));
    expect(pauses).toBeGreaterThanOrEqual(7);
    pauses = 0;
    const next = await settleDocumentInSlices({ ...sliced, rows: [...sliced.rows, ...rowsOf(5, 3)] }, pause);
    expect(pauses).toBe(0);
    expect(next.rows[0]).toBe(sliced.rows[0]);
  });

  it('holds NaN and ±Infinity of a large new array as null, as the file reads back', async () => {
    const rows = rowsOf(300, 11).map((row, i) =>
      i % 100 === 7 ? { inputs: [Number.NaN, Number.POSITIVE_INFINITY, -0], output: i % 2 } : row,
    );
    const sliced = await settleDocumentInSlices({ rows }, async () => {});
    expect(sliced).toStrictEqual(roundTrip({ rows }));
    expect(sliced.rows[7]).toStrictEqual({ inputs: [null, null, 0], output: 1 });
  });

  it('settles anything else as settleDocument does', async () => {
    const pause = async () => {};
    await fc.assert(
      fc.asyncProperty(anyDocument, async (document) => {
        expect(await settleDocumentInSlices(document, pause)).toStrictEqual(roundTrip(document));
      }),
      { numRuns: 100 },
    );
    await expect(settleDocumentInSlices([1, 2], pause)).resolves.toEqual([1, 2]);
  });
});
