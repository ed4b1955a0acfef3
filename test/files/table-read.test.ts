import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/files/table-read.js';

const limits = { maxRows: 1000, maxInputs: 32 };
const read = (text: string, extra = {}) => readTable(text, { limits, ...extra });
const rowsOf = (text: string) => {
  const result = read(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.rows.map((row) => [...row.inputs, row.output]);
};

describe('readTable', () => {
  it.each([
    ['commas', '0,0,1,0\n1,1,1,1'],
    ['commas and spaces', '0, 0, 1, 0\n1, 1, 1, 1'],
    ['semicolons', '0;0;1;0\n1;1;1;1'],
    ['tabs', '0\t0\t1\t0\n1\t1\t1\t1'],
    ['spaces', '0 0 1 0\n1  1 1 1'],
    ['arrows', '0 0 1 -> 0\n1 1 1 -> 1'],
    ['CRLF line ends', '0,0,1,0\r\n1,1,1,1\r\n'],
    ['blank lines and a trailing newline', '\n0;0;1;0\n\n1;1;1;1\n\n'],
  ])('reads rows separated by %s; the last column is the output', (_, text) => {
    expect(rowsOf(text)).toEqual([
      [0, 0, 1, 0],
      [1, 1, 1, 1],
    ]);
  });

  it('reads decimal commas where typed rows do: with semicolons, tabs or spaces between the cells', () => {
    expect(rowsOf('0,5;1;0,25\n1;0,75;1')).toEqual([
      [0.5, 1, 0.25],
      [1, 0.75, 1],
    ]);
    expect(rowsOf('0,5\t1\t0,25')).toEqual([[0.5, 1, 0.25]]);
    expect(rowsOf('0,5 1 0,25')).toEqual([[0.5, 1, 0.25]]);
    expect(rowsOf('0,5;1')).toEqual([[0.5, 1]]);
  });

  it('drops the empty last column of files whose every line ends with a separator', () => {
    expect(rowsOf('a;b;y;\n0;1;1;\n1;0;0;\n')).toEqual([
      [0, 1, 1],
      [1, 0, 0],
    ]);
    const some = read('0;1;1;\n1;0;0\n');
    expect(some.ok).toBe(false);
    if (!some.ok) expect(some.errors[0]).toMatchObject({ line: 1, code: 'no-output' });
  });

  it('reads quoted cells as spreadsheets write them', () => {
    expect(rowsOf('"0,5","1",0\n"1",0,1')).toEqual([
      [0.5, 1, 0],
      [1, 0, 1],
    ]);
  });

  it('skips a header line, keeps its names, and counts its line in error numbers', () => {
    const result = read('temperature;humidity;rain\n0,5;1;1\n1;0;0');
    expect(result).toEqual({
      ok: true,
      rows: [
        { inputs: [0.5, 1], output: 1 },
        { inputs: [1, 0], output: 0 },
      ],
      columns: { inputs: ['temperature', 'humidity'], output: 'rain' },
    });
    const bad = read('a,b,y\n0,1,0\n0,x,1');
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors[0]).toMatchObject({ code: 'not-a-number', line: 3, text: '0,x,1', token: 'x' });
  });

  it('reads a header in arrow form, and quoted names with separators in them', () => {
    expect(read('x -> "y"\n1 -> 0')).toMatchObject({ ok: true, columns: { inputs: ['x'], output: 'y' } });
    expect(read('body temp, pulse -> sick\n36.6, 60 -> 0')).toMatchObject({
      ok: true,
      columns: { inputs: ['body temp', 'pulse'], output: 'sick' },
    });
    expect(read('"a;b",c,y\n1,2,0')).toMatchObject({
      ok: true,
      columns: { inputs: ['a;b', 'c'], output: 'y' },
    });
  });

  it('drops the default names x1 … xn, y that the bot writes', () => {
    expect(read('x1,x2,y\n0,1,1')).toEqual({ ok: true, rows: [{ inputs: [0, 1], output: 1 }] });
  });

  it('treats a non-numeric line after the first as an error, not a header', () => {
    const result = read('0,1,1\nx1,x2,y');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ code: 'not-a-number', line: 2 });
  });

  it('refuses ragged rows with their line numbers, and rows that do not fit the header', () => {
    const ragged = read('0,0,1,0\n1,1,1\n1,0,1,1,1');
    expect(ragged.ok).toBe(false);
    if (!ragged.ok)
      expect(ragged.errors.map((e) => [e.code, e.line, e.expected, e.actual])).toEqual([
        ['width-mismatch', 2, 3, 2],
        ['width-mismatch', 3, 3, 4],
      ]);
    const short = read('a,b,c,y\n0,1,0');
    expect(short.ok).toBe(false);
    if (!short.ok)
      expect(short.errors[0]).toMatchObject({ code: 'width-mismatch', line: 2, expected: 3, actual: 2 });
  });

  it('refuses a header that does not fit the existing dataset, naming line 1', () => {
    const result = read('a,b,y\n0,1,0', { expectedInputs: 3 });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toEqual([
        { code: 'width-mismatch', line: 1, text: 'a,b,y', expected: 3, actual: 2 },
      ]);
  });

  it('takes a header into a dataset of the same width, keeping its names', () => {
    expect(read('a,b,y\n0,1,0', { expectedInputs: 2 })).toEqual({
      ok: true,
      rows: [{ inputs: [0, 1], output: 0 }],
      columns: { inputs: ['a', 'b'], output: 'y' },
    });
  });

  it('refuses a header wider than the inputs limit, naming line 1, before reading any row', () => {
    const result = readTable('a,b,c,y\n0,1,x', { limits: { maxRows: 10, maxInputs: 2 } });
    expect(result).toEqual({
      ok: false,
      errors: [{ code: 'too-many-inputs', line: 1, text: 'a,b,c,y', expected: 2, actual: 3 }],
    });
    const fits = readTable('a,b,y\n0,1,0', { limits: { maxRows: 10, maxInputs: 2 } });
    expect(fits.ok).toBe(true);
  });

  it('reads a first line of NaN or Infinity as a row to refuse, not as a header to skip', () => {
    expect(read('NaN,1,0\n1,1,1')).toEqual({
      ok: false,
      errors: [{ code: 'not-finite', line: 1, text: 'NaN,1,0', token: 'NaN' }],
    });
    expect(read('1;-Infinity;0')).toMatchObject({ ok: false, errors: [{ code: 'not-finite', line: 1 }] });
  });

  it('reads "" inside quoted names as one quote, and quoted cells of a space-separated file', () => {
    expect(read('"say ""hi""",b,y\n0,1,0')).toMatchObject({
      ok: true,
      columns: { inputs: ['say "hi"', 'b'], output: 'y' },
    });
    expect(read('"temp" "wind" "rain"\n"0,5" "1" 0')).toEqual({
      ok: true,
      rows: [{ inputs: [0.5, 1], output: 0 }],
      columns: { inputs: ['temp', 'wind'], output: 'rain' },
    });
  });

  it('applies the limits of typed rows: rows (existing ones counted), inputs and the output range', () => {
    const many = Array.from({ length: 6 }, () => '0,1').join('\n');
    const tooMany = readTable(many, { limits: { maxRows: 8, maxInputs: 32 }, existingRows: 3 });
    expect(tooMany.ok).toBe(false);
    if (!tooMany.ok)
      expect(tooMany.errors[0]).toMatchObject({ code: 'too-many-rows', expected: 8, actual: 9 });
    const wide = readTable('1,1,1,0', { limits: { maxRows: 10, maxInputs: 2 } });
    expect(wide.ok).toBe(false);
    if (!wide.ok) expect(wide.errors[0]).toMatchObject({ code: 'too-many-inputs', expected: 2, actual: 3 });
    const out = read('1,1,2');
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.errors[0]).toMatchObject({ code: 'output-out-of-range', token: '2' });
  });

  it('gives no rows and no error for a text with nothing in it', () => {
    expect(read('\n \r\n\uFEFF')).toEqual({ ok: true, rows: [] });
  });

  it('keeps the file text in error messages, not the form the parser was given', () => {
    const result = read('0;1;1\n0;1;5');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ line: 2, text: '0;1;5' });
  });

  it('takes a first line with some numbers among its names for a header', () => {
    expect(read('height,2024,y\n1,2,1\n')).toEqual({
      ok: true,
      rows: [{ inputs: [1, 2], output: 1 }],
      columns: { inputs: ['height', '2024'], output: 'y' },
    });
  });

  it('reads typed rows followed by empty lines as typed rows', () => {
    expect(rowsOf('0 0 -> 1\n1 1 -> 0\n\n\n')).toEqual([
      [0, 0, 1],
      [1, 1, 0],
    ]);
  });

  it('refuses a file of one column, header or not, as rows without inputs', () => {
    const noInputs = [
      { line: 2, text: '1', code: 'no-inputs' },
      { line: 3, text: '0', code: 'no-inputs' },
    ];
    expect(read('y\n1\n0\n')).toEqual({ ok: false, errors: noInputs });
  });

  it('skips a byte order mark left at the start of the text', () => {
    expect(rowsOf('\uFEFF0,1\n')).toEqual([[0, 1]]);
  });
});
