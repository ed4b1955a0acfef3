import { describe, expect, it } from 'vitest';
import { formatNumber, formatRow, formatRows } from '../../src/core/dataset-format.js';
import { MAX_ROW_ERRORS, parseQuery, parseRows, type RowError } from '../../src/core/dataset-parse.js';

const rowsOf = (text: string, options?: Parameters<typeof parseRows>[1]) => {
  const result = parseRows(text, options);
  if (!result.ok) throw new Error(`expected rows, got ${JSON.stringify(result.errors)}`);
  return result.rows;
};

const errorsOf = (text: string, options?: Parameters<typeof parseRows>[1]): RowError[] => {
  const result = parseRows(text, options);
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.rows)}`);
  return result.errors;
};

describe('parseRows accepts', () => {
  it.each([
    ['0 0 1 -> 0'],
    ['0,0,1 -> 0'],
    ['0;0;1 -> 0'],
    ['0; 0; 1 -> 0'],
    ['0, 0, 1 -> 0'],
    ['0 0 1 => 0'],
    ['0 0 1 → 0'],
    ['0 0 1 —> 0'],
    ['0 0 1 –> 0'],
    ['0 0 1 --> 0'],
    ['0 0 1 ⇒ 0'],
    ['0 0 1 ⟶ 0'],
    ['0 0 1 = 0'],
    ['0 0 1->0'],
    ['0,0,1=>0'],
    ['0 0 1→0'],
    ['\t  0 0 1   ->   0  '],
    ['0\u00a00\u00a01 -> 0'],
  ])('%j as the inputs 0, 0, 1 and the output 0', (text) => {
    expect(rowsOf(text)).toEqual([{ inputs: [0, 0, 1], output: 0 }]);
  });

  it('negative numbers, including a leading one and one right before the arrow', () => {
    expect(rowsOf('-1 -> 0')).toEqual([{ inputs: [-1], output: 0 }]);
    expect(rowsOf('1 -1 -> 0')).toEqual([{ inputs: [1, -1], output: 0 }]);
    expect(rowsOf('-1->0')).toEqual([{ inputs: [-1], output: 0 }]);
    expect(rowsOf('-1,-2,-3 -> 1')).toEqual([{ inputs: [-1, -2, -3], output: 1 }]);
    expect(rowsOf('\u22122.5 1 -> 1')).toEqual([{ inputs: [-2.5, 1], output: 1 }]);
  });

  it('decimals with a point, a sign and an exponent', () => {
    expect(rowsOf('0.5 .25 2. +3 1e-3 -1.5E+2 -> 0.75')).toEqual([
      { inputs: [0.5, 0.25, 2, 3, 0.001, -150], output: 0.75 },
    ]);
  });

  it('several rows, one per line, with \\n, \\r\\n and \\r, skipping blank lines', () => {
    const text = '\n0 0 1 -> 0\r\n\r\n  1 1 1 -> 1  \r1 0 1 -> 1\n   \n0 1 1 -> 0\n';
    expect(rowsOf(text)).toEqual([
      { inputs: [0, 0, 1], output: 0 },
      { inputs: [1, 1, 1], output: 1 },
      { inputs: [1, 0, 1], output: 1 },
      { inputs: [0, 1, 1], output: 0 },
    ]);
  });

  it('text with no rows as an empty list, so the caller can say there is nothing to add', () => {
    expect(parseRows('')).toEqual({ ok: true, rows: [] });
    expect(parseRows(' \n\t\r\n  \u200f\ufeff ')).toEqual({ ok: true, rows: [] });
  });

  it('lines with RTL marks, zero-width spaces and a byte order mark', () => {
    expect(rowsOf('\ufeff\u200f1\u200e 0\u200b -> 1')).toEqual([{ inputs: [1, 0], output: 1 }]);
  });
});

describe('an invisible mark inside a number', () => {
  const marks: [name: string, mark: string, shown: string][] = [
    ['a zero-width space', '\u200b', '[U+200B]'],
    ['a zero-width non-joiner', '\u200c', '[U+200C]'],
    ['a zero-width joiner', '\u200d', '[U+200D]'],
    ['a word joiner', '\u2060', '[U+2060]'],
    ['a byte order mark', '\ufeff', '[U+FEFF]'],
    ['a right-to-left mark', '\u200f', '[U+200F]'],
  ];

  it.each(marks)('%s between two digits is refused, not read as 10 nor as 1 and 0', (_, mark, shown) => {
    expect(parseRows(`1${mark}0 1 -> 1`)).toEqual({
      ok: false,
      errors: [{ code: 'invisible-character', line: 1, text: '10 1 -> 1', token: `1${shown}0` }],
    });
  });

  it.each(marks)('%s in a /predict query is refused the same way', (_, mark, shown) => {
    expect(parseQuery(`1 1${mark}0 1`, 3)).toEqual({
      ok: false,
      error: { code: 'invisible-character', token: `1${shown}0` },
    });
  });

  it('is refused after a sign, around a decimal mark, in an exponent and in the output', () => {
    for (const text of [
      '-\u200b1 0 -> 1',
      '0.\u200b5 0 -> 1',
      '0\u200b,5 0 -> 1',
      '1e\u200b3 0 -> 1',
      '0 0 -> 0\u200b1',
    ]) {
      expect(errorsOf(text).map((error) => error.code)).toEqual(['invisible-character']);
    }
  });

  it('is named on its own line among good ones, and nothing is added', () => {
    expect(errorsOf('0 0 1 -> 0\n1 1\u200b1 1 -> 1')).toEqual([
      { code: 'invisible-character', line: 2, text: '1 11 1 -> 1', token: '1[U+200B]1' },
    ]);
  });

  it('next to a space, a separator, an arrow or the line edge is ignored as before', () => {
    expect(rowsOf('\u200b0\u200b 0;\u200b1\u200b -\u200b> \u200b0\u200b')).toEqual([
      { inputs: [0, 0, 1], output: 0 },
    ]);
    expect(rowsOf('\ufeff0,0,1 -> 0')).toEqual([{ inputs: [0, 0, 1], output: 0 }]);
  });
});

describe('the decimal comma', () => {
  it('is a decimal mark inside a number when spaces or semicolons separate the inputs', () => {
    expect(rowsOf('0,5 1 0 -> 1')).toEqual([{ inputs: [0.5, 1, 0], output: 1 }]);
    expect(rowsOf('0,5;1;-0,25 -> 1')).toEqual([{ inputs: [0.5, 1, -0.25], output: 1 }]);
    expect(rowsOf('0,5, 1, 0 -> 1')).toEqual([{ inputs: [0.5, 1, 0], output: 1 }]);
  });

  it('is a separator when it touches a space, before a number as after one', () => {
    expect(rowsOf('0 ,5 -> 1')).toEqual([{ inputs: [0, 5], output: 1 }]);
    expect(rowsOf('0 ,5 ,,1 -> 1')).toEqual([{ inputs: [0, 5, 1], output: 1 }]);
    expect(rowsOf('0, 5,, 1 -> 1')).toEqual([{ inputs: [0, 5, 1], output: 1 }]);
    expect(rowsOf('0 ,5 -> 1', { expectedInputs: 2 })).toEqual([{ inputs: [0, 5], output: 1 }]);
  });

  it('separates numbers when a side has no spaces or semicolons', () => {
    expect(rowsOf('0,5 -> 1')).toEqual([{ inputs: [0, 5], output: 1 }]);
    expect(rowsOf('0.5,0.25 -> 1')).toEqual([{ inputs: [0.5, 0.25], output: 1 }]);
  });

  it('is a decimal mark when the dataset is known to have one input', () => {
    expect(rowsOf('0,5 -> 1', { expectedInputs: 1 })).toEqual([{ inputs: [0.5], output: 1 }]);
  });

  it('is a decimal mark on the output side, which holds one number', () => {
    expect(rowsOf('0 0 1 -> 0,5')).toEqual([{ inputs: [0, 0, 1], output: 0.5 }]);
    expect(rowsOf('0,0,1 -> 0,25')).toEqual([{ inputs: [0, 0, 1], output: 0.25 }]);
  });

  it('cannot appear twice in one number', () => {
    expect(errorsOf('1,5,2 0 -> 1')).toEqual([
      { code: 'not-a-number', line: 1, text: '1,5,2 0 -> 1', token: '1,5,2' },
    ]);
    expect(errorsOf('0.5,5 1 -> 1')[0]).toMatchObject({ code: 'not-a-number', token: '0.5,5' });
  });
});

describe('parseRows reports', () => {
  it.each<[string, string, Partial<RowError>]>([
    ['no-arrow', '0 0 1 0', {}],
    ['no-arrow', '0 0 1 > 0', {}],
    ['no-inputs', '-> 1', {}],
    ['no-inputs', ' , ; -> 1', {}],
    ['no-output', '0 0 1 ->', {}],
    ['two-outputs', '0 0 1 -> 0 1', { token: '1' }],
    ['two-outputs', '0 0 1 -> 0, 1', { token: '1' }],
    ['not-a-number', 'abc 0 1 -> 0', { token: 'abc' }],
    ['not-a-number', '1..2 0 1 -> 0', { token: '1..2' }],
    ['not-a-number', '0x10 0 1 -> 0', { token: '0x10' }],
    ['not-a-number', '1_000 0 1 -> 0', { token: '1_000' }],
    ['not-a-number', '0 0 1 -> yes', { token: 'yes' }],
    ['not-finite', 'NaN 0 1 -> 0', { token: 'NaN' }],
    ['not-finite', '0 -Infinity 1 -> 0', { token: '-Infinity' }],
    ['not-finite', '0 ∞ 1 -> 0', { token: '∞' }],
    ['not-finite', '1e999 0 1 -> 0', { token: '1e999' }],
    ['not-finite', '0 0 1 -> inf', { token: 'inf' }],
    ['output-out-of-range', '0 0 1 -> 2', { token: '2' }],
    ['output-out-of-range', '0 0 1 -> -0,5', { token: '-0,5' }],
  ])('%s for %j', (code, line, extra) => {
    expect(errorsOf(`0 0 1 -> 0\n\n${line}`)).toEqual([{ code, line: 3, text: line.trim(), ...extra }]);
  });

  it('every bad line, with its own line number', () => {
    const text = '0 0 1 -> 0\nabc 1 1 -> 1\n\n1 0 1 -> 7\n0 1 1 -> 0\n0 1 -> 0';
    expect(errorsOf(text)).toEqual([
      { code: 'not-a-number', line: 2, text: 'abc 1 1 -> 1', token: 'abc' },
      { code: 'output-out-of-range', line: 4, text: '1 0 1 -> 7', token: '7' },
      { code: 'width-mismatch', line: 6, text: '0 1 -> 0', expected: 3, actual: 2 },
    ]);
  });

  it('one error for a line with two faults: the first met reading it, the width only for a line that reads', () => {
    const ones = (n: number) => Array.from({ length: n }, () => '1').join(' ');
    const firstError = (line: string) => errorsOf(`0 0 -> 0\n${line}`)[0];
    expect(errorsOf('0 0 -> 0\n1\u200b0 x -> 5')).toEqual([
      { code: 'invisible-character', line: 2, text: '10 x -> 5', token: '1[U+200B]0' },
    ]);
    expect(firstError(`${ones(32)} x -> 5`)).toMatchObject({ code: 'too-many-inputs', actual: 33 });
    expect(firstError('x 1 -> 5')).toMatchObject({ code: 'not-a-number', token: 'x' });
    expect(firstError('1 x y -> 1')).toMatchObject({ code: 'not-a-number', token: 'x' });
    expect(firstError('0 1 -> 5 1')).toMatchObject({ code: 'two-outputs', token: '1' });
    expect(firstError('0 0 1 -> 5')).toEqual({
      code: 'output-out-of-range',
      line: 2,
      text: '0 0 1 -> 5',
      token: '5',
    });
    expect(firstError('0 0 1 -> x')).toMatchObject({ code: 'not-a-number', token: 'x' });
    expect(firstError('0 0 1 ->')).toMatchObject({ code: 'no-output' });
  });

  it('the first 5 errors only', () => {
    const errors = errorsOf(Array.from({ length: 20 }, (_, i) => `row ${i}`).join('\n'));
    expect(MAX_ROW_ERRORS).toBe(5);
    expect(errors.map((error) => error.line)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a width set by the first row whose inputs read, even when its output is bad', () => {
    expect(errorsOf('x -> 1\n0 0 1 -> 5\n0 0 -> 1')).toEqual([
      { code: 'not-a-number', line: 1, text: 'x -> 1', token: 'x' },
      { code: 'output-out-of-range', line: 2, text: '0 0 1 -> 5', token: '5' },
      { code: 'width-mismatch', line: 3, text: '0 0 -> 1', expected: 3, actual: 2 },
    ]);
    for (const first of ['0 0 1 ->', '0 0 1 -> 0 1', '0 0 1 -> x', '0 0 1 -> 5']) {
      expect(errorsOf(`${first}\n0 0 -> 1`)[1]).toMatchObject({ code: 'width-mismatch', expected: 3 });
    }
  });

  it('a width mismatch against the existing dataset', () => {
    expect(errorsOf('0 0 -> 1\n0 0 1 -> 1', { expectedInputs: 3 })).toEqual([
      { code: 'width-mismatch', line: 1, text: '0 0 -> 1', expected: 3, actual: 2 },
    ]);
    expect(rowsOf('0 0 -> 1', { expectedInputs: 2 })).toEqual([{ inputs: [0, 0], output: 1 }]);
  });

  it('too-many-inputs past 32 inputs, and accepts exactly 32', () => {
    const ones = (n: number) => Array.from({ length: n }, () => '1').join(' ');
    expect(rowsOf(`${ones(32)} -> 1`)[0]?.inputs).toHaveLength(32);
    expect(errorsOf(`${ones(33)} -> 1`)).toEqual([
      { code: 'too-many-inputs', line: 1, text: `${ones(29)} 1…`, expected: 32, actual: 33 },
    ]);
    expect(errorsOf('1 2 3 -> 1', { limits: { maxInputs: 2 } })[0]).toMatchObject({ expected: 2, actual: 3 });
  });
});

describe('the row limit', () => {
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `${i % 2} 1 -> ${i % 2}`).join('\n');

  it('accepts 1000 rows and refuses the 1001st, naming its line', () => {
    expect(rowsOf(lines(1000))).toHaveLength(1000);
    expect(errorsOf(`${lines(1000)}\n\nnot even a row\n0 1 -> 0`)).toEqual([
      { code: 'too-many-rows', line: 1002, text: 'not even a row', expected: 1000, actual: 1002 },
    ]);
  });

  it('counts the rows already stored', () => {
    expect(rowsOf(lines(10), { existingRows: 990 })).toHaveLength(10);
    expect(errorsOf(lines(11), { existingRows: 990 })).toEqual([
      { code: 'too-many-rows', line: 11, text: '0 1 -> 0', expected: 1000, actual: 1001 },
    ]);
    expect(errorsOf('1 -> 1', { existingRows: 1000 })[0]).toMatchObject({ code: 'too-many-rows', line: 1 });
    expect(parseRows('\n\n', { existingRows: 1000 })).toEqual({ ok: true, rows: [] });
  });

  it('follows a custom limit', () => {
    expect(errorsOf(lines(3), { limits: { maxRows: 2 } })[0]).toMatchObject({
      expected: 2,
      actual: 3,
      line: 3,
    });
  });
});

describe('parseRows on hostile text', () => {
  it('cuts the shown line and token to about 60 characters without splitting an emoji', () => {
    const [error] = errorsOf(`${'😀'.repeat(100)} -> 1`);
    expect(error?.code).toBe('not-a-number');
    expect(Array.from(error?.text ?? '')).toHaveLength(60);
    expect(error?.text.endsWith('😀…')).toBe(true);
    expect(error?.token).toBe(error?.text);
  });

  it('reads a line of a million characters', () => {
    expect(errorsOf(`${'1'.repeat(1_000_000)} -> 1`)[0]).toMatchObject({ code: 'not-finite' });
    expect(errorsOf(`1 ${',a'.repeat(500_000)}, -> 1`)[0]).toMatchObject({ code: 'not-a-number' });
    expect(errorsOf(`${'1 '.repeat(500_000)}-> 1`)[0]).toMatchObject({
      code: 'too-many-inputs',
      actual: 500_000,
    });
    expect(errorsOf('-'.repeat(1_000_000))[0]).toMatchObject({ code: 'no-arrow' });
  });

  it('counts a million lines without reading them', () => {
    expect(errorsOf('1 -> 1\n'.repeat(1_000_000))).toEqual([
      { code: 'too-many-rows', line: 1001, text: '1 -> 1', expected: 1000, actual: 1_000_000 },
    ]);
  });

  it('returns errors for NUL bytes and lone surrogates', () => {
    expect(errorsOf('1\u0000 -> 1')[0]).toMatchObject({ code: 'not-a-number', token: '1\u0000' });
    expect(errorsOf('\ud800 -> 1')[0]).toMatchObject({ code: 'not-a-number', token: '\ud800' });
  });

  it('throws only for options that are bugs', () => {
    expect(() => parseRows('', { expectedInputs: 0 })).toThrow(RangeError);
    expect(() => parseRows('', { existingRows: -1 })).toThrow(RangeError);
    expect(() => parseRows('', { limits: { maxInputs: 1.5 } })).toThrow(RangeError);
    expect(() => parseRows(42 as unknown as string)).toThrow(TypeError);
  });
});

describe('options that are bugs', () => {
  it('are named in the error', () => {
    const must = (name: string, min: number) => new RangeError(`${name} must be an integer >= ${min}`);
    expect(() => parseRows('', { limits: { maxRows: -1 } })).toThrow(must('maxRows', 0));
    expect(() => parseRows('', { limits: { maxInputs: 0 } })).toThrow(must('maxInputs', 1));
    expect(() => parseRows('', { existingRows: 0.5 })).toThrow(must('existingRows', 0));
    expect(() => parseRows('', { expectedInputs: 0 })).toThrow(must('expectedInputs', 1));
    expect(() => parseQuery('1', 0)).toThrow(must('expectedInputs', 1));
  });

  it('include text that is not a string', () => {
    expect(() => parseRows(JSON.parse('42'))).toThrow(new TypeError('parseRows expects a string'));
    expect(() => parseQuery(JSON.parse('42'), 1)).toThrow(new TypeError('parseQuery expects a string'));
  });

  it('leave the edges of each range accepted', () => {
    expect(
      parseRows('', { limits: { maxRows: 0, maxInputs: 1 }, existingRows: 0, expectedInputs: 1 }),
    ).toEqual({
      ok: true,
      rows: [],
    });
  });
});

describe('parseQuery', () => {
  it('reads inputs in every separator form', () => {
    expect(parseQuery('1 1 0', 3)).toEqual({ ok: true, inputs: [1, 1, 0] });
    expect(parseQuery(' 1,1,0 ', 3)).toEqual({ ok: true, inputs: [1, 1, 0] });
    expect(parseQuery('0,5; -1; 2e3', 3)).toEqual({ ok: true, inputs: [0.5, -1, 2000] });
    expect(parseQuery('1\n1\r\n0', 3)).toEqual({ ok: true, inputs: [1, 1, 0] });
  });

  it('reads a lone comma number as a decimal when the model has one input', () => {
    expect(parseQuery('0,5', 1)).toEqual({ ok: true, inputs: [0.5] });
    expect(parseQuery('0,5', 2)).toEqual({ ok: true, inputs: [0, 5] });
  });

  it('names the expected and actual counts on a wrong arity', () => {
    expect(parseQuery('1 1', 3)).toEqual({
      ok: false,
      error: { code: 'wrong-arity', expected: 3, actual: 2 },
    });
    expect(parseQuery('1 1 0 1', 3)).toEqual({
      ok: false,
      error: { code: 'wrong-arity', expected: 3, actual: 4 },
    });
  });

  it('reports an arrow when someone types a whole row', () => {
    expect(parseQuery('1 1 0 -> 1', 3)).toEqual({ ok: false, error: { code: 'has-arrow', token: '->' } });
    expect(parseQuery('1 1 0 → 1', 3)).toEqual({ ok: false, error: { code: 'has-arrow', token: '→' } });
  });

  it('reports empty text, bad numbers and infinities', () => {
    expect(parseQuery('  \u200f ', 3)).toEqual({ ok: false, error: { code: 'empty' } });
    expect(parseQuery(' ; , ', 3)).toEqual({ ok: false, error: { code: 'empty' } });
    expect(parseQuery('1 one 0', 3)).toEqual({ ok: false, error: { code: 'not-a-number', token: 'one' } });
    expect(parseQuery('1 1e400 0', 3)).toEqual({ ok: false, error: { code: 'not-finite', token: '1e400' } });
  });

  it('throws only when the expected count is a bug', () => {
    expect(() => parseQuery('1', 0)).toThrow(RangeError);
  });
});

describe('formatting', () => {
  it('writes rows the way people type them', () => {
    expect(formatRow({ inputs: [0, 0, 1], output: 0 })).toBe('0 0 1 -> 0');
    expect(
      formatRows([
        { inputs: [0.5, -1], output: 1 },
        { inputs: [1e-7, 2], output: 0.25 },
      ]),
    ).toBe('0.5 -1 -> 1\n1e-7 2 -> 0.25');
  });

  it('writes numbers in their shortest round-trip form, keeping the sign of zero', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(formatNumber(-0)).toBe('-0');
    expect(formatNumber(Number.MAX_VALUE)).toBe('1.7976931348623157e+308');
    expect(formatNumber(5e-324)).toBe('5e-324');
  });
});
