import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/types.js';
import { safeFileName } from '../../src/files/file-name.js';
import { writePerceptronFile } from '../../src/files/perceptron-file.js';
import { mayBeData, readDocument } from '../../src/files/read-document.js';

const limits = { maxRows: 1000, maxInputs: 32, maxEpochs: 100_000, maxLearningRate: 100, maxPopulation: 200 };
const read = (text: string) => readDocument(new Uint8Array(Buffer.from(text)), { existingRows: 0 }, limits);

describe('readDocument', () => {
  it('reads a JSON object as a perceptron file whatever the name, and anything else as rows', () => {
    expect(read('  {"name":"x"}')).toEqual({ kind: 'perceptron-error', error: { code: 'not-perceptron' } });
    expect(read('0,1\n')).toEqual({ kind: 'rows', rows: [{ inputs: [0], output: 1 }], encoding: 'utf-8' });
    expect(read('0,2\n')).toMatchObject({
      kind: 'row-errors',
      errors: [{ code: 'output-out-of-range', line: 1 }],
    });
  });

  it('gives a perceptron file its content, and the names of a table with a header', () => {
    const rows = [{ inputs: [0, 1], output: 1 }];
    expect(read(writePerceptronFile({ rows, settings: DEFAULT_SETTINGS }))).toEqual({
      kind: 'perceptron',
      content: { rows, settings: DEFAULT_SETTINGS },
    });
    expect(read('temp,pulse,sick\n0.5,1,0\n')).toEqual({
      kind: 'rows',
      rows: [{ inputs: [0.5, 1], output: 0 }],
      columns: { inputs: ['temp', 'pulse'], output: 'sick' },
      encoding: 'utf-8',
    });
  });

  it('says why bytes that are not text are refused', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);
    expect(readDocument(png, { existingRows: 0 }, limits)).toEqual({ kind: 'not-text', reason: 'binary' });
  });

  it('checks rows against the dataset they join: its width and the rows it already has', () => {
    const bytes = new Uint8Array(Buffer.from('0,1,1\n'));
    expect(readDocument(bytes, { existingRows: 0, expectedInputs: 3 }, limits)).toMatchObject({
      kind: 'row-errors',
      errors: [{ code: 'width-mismatch', expected: 3, actual: 2 }],
    });
    expect(readDocument(bytes, { existingRows: 1000 }, limits)).toMatchObject({
      kind: 'row-errors',
      errors: [{ code: 'too-many-rows' }],
    });
    const wide = new Uint8Array(Buffer.from(`${'0,'.repeat(33)}1\n`));
    expect(readDocument(wide, { existingRows: 0 }, limits)).toMatchObject({
      kind: 'row-errors',
      errors: [{ code: 'too-many-inputs' }],
    });
  });
});

describe('readDocument with the file name', () => {
  const named = (text: string, fileName: string) =>
    readDocument(new Uint8Array(Buffer.from(text)), { existingRows: 1, expectedInputs: 2 }, limits, fileName);

  it('reads a .json file as a perceptron file, so JSON that is not one is told so', () => {
    for (const text of ['[1,2,3]', '123', 'null', '"rows"']) {
      expect(named(text, 'list.json')).toEqual({
        kind: 'perceptron-error',
        error: { code: 'not-perceptron' },
      });
    }
    expect(named('0 1 -> 1', 'rows.JSON')).toEqual({ kind: 'perceptron-error', error: { code: 'not-json' } });
  });

  it('reads the same text under another name as a table', () => {
    expect(named('0,1,1\n', 'rows.csv')).toMatchObject({
      kind: 'rows',
      rows: [{ inputs: [0, 1], output: 1 }],
    });
  });
});

describe('mayBeData', () => {
  it.each([
    ['rows.csv', 'text/csv', true],
    ['rows.TSV', undefined, true],
    ['notes.txt', 'text/plain', true],
    ['model.json', 'application/json', true],
    ['data', undefined, true],
    ['data', 'text/plain', true],
    [undefined, undefined, true],
    ['model.json.bak', undefined, false],
    ['rows', 'application/vnd.ms-excel', true],
    ['photo.jpg', 'image/jpeg', false],
    ['book.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', false],
    ['run.exe', 'application/octet-stream', false],
  ])('%s (%s): %s', (name, mime, expected) => {
    expect(mayBeData(name, mime)).toBe(expected);
  });
});

describe('safeFileName', () => {
  it('keeps ASCII letters, digits, - and _, and falls back when nothing is left', () => {
    expect(safeFileName('perceptron-alice_1', 'csv')).toBe('perceptron-alice_1.csv');
    expect(safeFileName('../../etc/passwd', 'json')).toBe('etc_passwd.json');
    expect(safeFileName('перцептрон', 'csv')).toBe('perceptron.csv');
    expect(safeFileName('x'.repeat(100), 'csv')).toBe(`${'x'.repeat(40)}.csv`);
  });

  it('turns a run of other characters into one _, and drops them at the ends', () => {
    expect(safeFileName('__my  rows, final!!', 'csv')).toBe('my_rows_final.csv');
    expect(safeFileName('--', 'json', 'weights')).toBe('weights.json');
  });
});
