import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/core/types.js';
import { readTable } from '../../src/files/table-read.js';
import { writeCsv } from '../../src/files/table-write.js';
import { parseCsv } from '../helpers/csv.js';

const anyDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
const anyOutput = fc.double({ min: 0, max: 1, noNaN: true });
const anyName = fc.string({ minLength: 1, maxLength: 12 }).filter((name) => /\p{L}/u.test(name));
const plainName = fc.stringMatching(/^[a-zа-я][a-zа-я0-9 _]{0,10}[a-zа-я]$/).filter((n) => !n.includes('  '));
const formulaName = fc
  .tuple(fc.constantFrom('=', '+', '-', '@', "'=", '-1', '+cmd|', '@SUM('), plainName)
  .map(([start, rest]) => `${start}${rest}`);
const datasets = fc.integer({ min: 1, max: 32 }).chain((width) =>
  fc.record({
    rows: fc.array(
      fc.record({ inputs: fc.array(anyDouble, { minLength: width, maxLength: width }), output: anyOutput }),
      { minLength: 1, maxLength: 40 },
    ),
    names: fc.option(fc.array(anyName, { minLength: width + 1, maxLength: width + 1 }), { nil: undefined }),
  }),
);

describe('a dataset written as CSV', () => {
  it('reads back to the same rows, bit for bit (-0 included)', () => {
    fc.assert(
      fc.property(datasets, ({ rows, names }) => {
        const columns = names && { inputs: names.slice(0, -1), output: names.at(-1) as string };
        const read = readTable(writeCsv(rows, columns), { limits: { maxRows: 1000, maxInputs: 32 } });
        expect(read.ok).toBe(true);
        const cells = (list: readonly Row[]) => list.map((row) => [...row.inputs, row.output]);
        if (read.ok) expect(cells(read.rows)).toEqual(cells(rows));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps plain column names exactly', () => {
    fc.assert(
      fc.property(fc.array(plainName, { minLength: 3, maxLength: 3 }), (names) => {
        const columns = { inputs: names.slice(0, 2), output: names[2] as string };
        const read = readTable(writeCsv([{ inputs: [0, 1], output: 1 }], columns), {
          limits: { maxRows: 10, maxInputs: 32 },
        });
        expect(read).toMatchObject({ ok: true, columns: names.join() === 'x1,x2,y' ? undefined : columns });
      }),
    );
  });

  it('keeps names that start like formulas exactly, while no cell of the file starts like one', () => {
    fc.assert(
      fc.property(fc.array(formulaName, { minLength: 3, maxLength: 3 }), (names) => {
        const columns = { inputs: names.slice(0, 2), output: names[2] as string };
        const csv = writeCsv([{ inputs: [-0.5, -1], output: 1 }], columns);
        for (const cell of parseCsv(csv)[0] ?? []) expect(cell).toMatch(/^'/);
        expect(parseCsv(csv)[1]).toEqual(['-0.5', '-1', '1']);
        const read = readTable(csv, { limits: { maxRows: 10, maxInputs: 32 } });
        expect(read).toEqual({ ok: true, rows: [{ inputs: [-0.5, -1], output: 1 }], columns });
      }),
    );
  });
});
