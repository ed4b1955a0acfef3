import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRow, formatRows } from '../../src/core/dataset-format.js';
import { parseQuery, parseRows } from '../../src/core/dataset-parse.js';
import type { Row } from '../../src/core/types.js';

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.string({
    unit: fc.constantFrom('0', '1', '-', '>', ',', '.', ';', ' ', '\n', '\r', 'e', '→', '=', '—'),
    maxLength: 200,
  }),
);

const anyDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
const anyOutput = fc.double({ min: 0, max: 1, noNaN: true });
const datasets = fc
  .integer({ min: 1, max: 32 })
  .chain((width) =>
    fc.array(
      fc.record({ inputs: fc.array(anyDouble, { minLength: width, maxLength: width }), output: anyOutput }),
      { minLength: 1, maxLength: 20 },
    ),
  );

describe('parseRows and parseQuery', () => {
  it('never throw and always return a result on any string', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 32 }), (text, width) => {
        const rows = parseRows(text);
        const query = parseQuery(text, width);
        expect(typeof rows.ok).toBe('boolean');
        expect(typeof query.ok).toBe('boolean');
        if (!rows.ok) expect(rows.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('name a real line of the text in every error', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = parseRows(text);
        const lineCount = text.split(/\r\n|\r|\n/).length;
        if (!result.ok) for (const error of result.errors) expect(error.line).toBeLessThanOrEqual(lineCount);
      }),
    );
  });
});

describe('formatted rows', () => {
  it('parse back to exactly the same rows', () => {
    fc.assert(
      fc.property(datasets, (rows: Row[]) => {
        expect(parseRows(formatRows(rows))).toEqual({ ok: true, rows });
      }),
      { numRuns: 500 },
    );
  });

  it('parse back with \\r\\n line ends, blank lines and a decimal comma', () => {
    fc.assert(
      fc.property(datasets, (rows: Row[]) => {
        const text = rows.map((row) => formatRow(row).replaceAll('.', ',')).join('\r\n\r\n');
        const width = rows[0]?.inputs.length ?? 0;
        expect(parseRows(text, { expectedInputs: width })).toEqual({ ok: true, rows });
      }),
      { numRuns: 300 },
    );
  });

  it('keep the sign of zero and the extremes of the double range', () => {
    const rows: Row[] = [{ inputs: [-0, 5e-324, -Number.MAX_VALUE, Number.MIN_VALUE], output: -0 }];
    const [row] = (parseRows(formatRows(rows)) as { rows: Row[] }).rows;
    expect(Object.is(row?.inputs[0], -0)).toBe(true);
    expect(row).toEqual(rows[0]);
  });
});

const invisibleMark = fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u200e', '\u200f');
const NUMBER_CHAR = /[0-9.eE+-]/;

/** The places in a text between two characters that numbers are written with. */
function insideNumbers(text: string): number[] {
  const places: number[] = [];
  for (let i = 1; i < text.length; i++)
    if (NUMBER_CHAR.test(text[i - 1] ?? '') && NUMBER_CHAR.test(text[i] ?? '')) places.push(i);
  return places;
}

describe('an invisible mark', () => {
  it('inside any number of formatted rows makes them refused, never read as other numbers', () => {
    const cases = datasets
      .map(formatRows)
      .filter((text) => insideNumbers(text).length > 0)
      .chain((text) => fc.tuple(fc.constant(text), fc.constantFrom(...insideNumbers(text)), invisibleMark));
    fc.assert(
      fc.property(cases, ([text, at, mark]) => {
        const result = parseRows(text.slice(0, at) + mark + text.slice(at));
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.errors.map((error) => error.code)).toContain('invisible-character');
      }),
      { numRuns: 500 },
    );
  });

  it('next to the spaces of formatted rows changes nothing', () => {
    fc.assert(
      fc.property(datasets, invisibleMark, (rows: Row[], mark) => {
        const text = formatRows(rows).replaceAll(' ', (space) =>
          mark.charCodeAt(0) % 2 ? mark + space : space + mark,
        );
        expect(parseRows(text)).toEqual({ ok: true, rows });
      }),
      { numRuns: 300 },
    );
  });
});

describe('a query', () => {
  it('of formatted inputs reads back exactly', () => {
    fc.assert(
      fc.property(datasets, (rows: Row[]) => {
        const inputs = rows[0]?.inputs ?? [];
        const text = formatRow({ inputs, output: 0 }).split(' -> ')[0] ?? '';
        expect(parseQuery(text, inputs.length)).toEqual({ ok: true, inputs });
      }),
    );
  });
});
