import { describe, expect, it } from 'vitest';
import { writeResultsCsv } from '../../src/exercises/results-csv.js';
import type { Entry } from '../../src/exercises/types.js';
import { guardFormula } from '../../src/files/csv-write.js';
import { splitCells } from '../../src/files/table-split.js';
import { parseCsv } from '../helpers/csv.js';

const entry = (userId: number, name: string, username?: string): Entry => ({
  userId,
  name,
  ...(username ? { username } : {}),
  submissions: 3,
  firstAt: Date.UTC(2026, 11, 1, 8, 0, 0),
  best: { accuracy: 0.75, loss: 0.0625, wrong: 1, rows: 4, epochs: 20000, at: Date.UTC(2026, 11, 1, 8, 5) },
});

describe('writeResultsCsv', () => {
  it('writes a header and one line per student, read back field for field', () => {
    const rows = parseCsv(writeResultsCsv([entry(1, 'Ann', 'ann'), entry(2, 'Bob')]));
    expect(rows[0]).toEqual([
      'place',
      'user_id',
      'name',
      'username',
      'submissions',
      'best_accuracy',
      'loss',
      'rows',
      'epochs',
      'first_submission',
      'best_submission',
    ]);
    expect(rows[1]).toEqual([
      '1',
      '1',
      'Ann',
      'ann',
      '3',
      '0.75',
      '0.0625',
      '4',
      '20000',
      '2026-12-01T08:00:00.000Z',
      '2026-12-01T08:05:00.000Z',
    ]);
    expect(rows[2]?.slice(0, 4)).toEqual(['2', '2', 'Bob', '']);
  });

  it('survives names with commas, quotes and line breaks', () => {
    const name = 'Smith, "Jo"\nthe second\r\nline';
    const rows = parseCsv(writeResultsCsv([entry(1, name)]));
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[2]).toBe(name);
  });

  it('keeps names that a spreadsheet would run as formulas as plain text', () => {
    const names = ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '\tx'];
    const rows = parseCsv(writeResultsCsv(names.map((name, i) => entry(i + 1, name))));
    expect(rows.slice(1).map((row) => row[2])).toEqual(names.map((name) => `'${name}`));
  });
});

describe("the results file is written by the bot's one CSV writer", () => {
  it('keeps a name with a semicolon in one cell, so that a spreadsheet splitting on ; runs nothing', () => {
    const name = 'Ann;=HYPERLINK("http://e.x/","a")';
    const csv = writeResultsCsv([entry(1, name, 'ann;@SUM(1+1)')]);
    const line = csv.split('\r\n')[1] ?? '';
    // The bot's table reader splits as a spreadsheet does: separators inside quotes stay in the cell.
    for (const cell of splitCells(line, ';')) expect(cell).not.toMatch(/^[=+\-@]/);
    expect(parseCsv(csv)[1]?.slice(2, 4)).toEqual([guardFormula(name), guardFormula('ann;@SUM(1+1)')]);
  });

  it('writes the numbers as numbers', () => {
    const line = parseCsv(writeResultsCsv([entry(7, 'Ann')]))[1];
    expect(line?.slice(4, 9)).toEqual(['3', '0.75', '0.0625', '4', '20000']);
  });
});
