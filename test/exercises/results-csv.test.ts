import { describe, expect, it } from 'vitest';
import {
  accuracyPercent,
  roundLoss,
  SPREADSHEET_DIALECTS,
  writeResultsCsv,
} from '../../src/exercises/results-csv.js';
import type { Entry } from '../../src/exercises/types.js';
import { guardFormula } from '../../src/files/csv-write.js';
import { splitCells } from '../../src/files/table-split.js';
import { parseResultsCsv } from '../helpers/csv.js';

const entry = (userId: number, name: string, username?: string): Entry => ({
  userId,
  name,
  ...(username ? { username } : {}),
  submissions: 3,
  firstAt: Date.UTC(2026, 11, 1, 8, 0, 0),
  best: { accuracy: 0.75, loss: 0.0625, wrong: 1, rows: 4, epochs: 20000, at: Date.UTC(2026, 11, 1, 8, 5) },
});

const HEADERS = {
  place: 'P',
  userId: 'ID',
  name: 'N',
  username: 'U',
  submissions: 'S',
  accuracy: 'A %',
  loss: 'L',
  rows: 'R',
  epochs: 'E',
  firstSubmission: 'First (Europe/Moscow)',
  bestSubmission: 'Best (Europe/Moscow)',
};
const inEnglish = { headers: HEADERS, timeZone: 'Europe/Moscow', dialect: SPREADSHEET_DIALECTS.en };
const inRussian = { ...inEnglish, dialect: SPREADSHEET_DIALECTS.ru };

describe('writeResultsCsv', () => {
  it('writes for English spreadsheets: a BOM, commas, the headers given, percent, rounded losses, the group clock', () => {
    const student = {
      ...entry(1, 'Анна Петрова', 'ann'),
      best: { ...entry(1, '').best, loss: 0.062_512_345_678_9 },
    };
    const csv = writeResultsCsv([student, entry(2, 'Bob')], inEnglish);
    expect(csv.startsWith('\uFEFFP,ID,N,U,S,"A %",L,R,E,')).toBe(true);
    const rows = parseResultsCsv(csv, ',');
    expect(rows[0]).toEqual(Object.values(HEADERS));
    expect(rows[1]).toEqual([
      '1',
      '1',
      'Анна Петрова',
      'ann',
      '3',
      '75',
      '0.0625',
      '4',
      '20000',
      '2026-12-01 11:00:00',
      '2026-12-01 11:05:00',
    ]);
    expect(rows[2]?.slice(0, 4)).toEqual(['2', '2', 'Bob', '']);
  });

  it('writes for Russian spreadsheets: a BOM, semicolons and decimal commas', () => {
    const best = {
      accuracy: 7 / 8,
      loss: 0.000_012_345_6,
      wrong: 1,
      rows: 4,
      epochs: 20000,
      at: Date.UTC(2026, 11, 1, 21, 30),
    };
    const csv = writeResultsCsv([{ ...entry(1, 'Смирнов, Иван'), best }], inRussian);
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFP;ID;N;U;S;"A %";L;R;E;"First (Europe/Moscow)";"Best (Europe/Moscow)"',
    );
    const rows = parseResultsCsv(csv, ';');
    expect(rows[1]).toEqual([
      '1',
      '1',
      'Смирнов, Иван',
      '',
      '3',
      '87,5',
      '0,0000123',
      '4',
      '20000',
      '2026-12-01 11:00:00',
      '2026-12-02 00:30:00',
    ]);
  });

  it('writes the times on any clock it is given: UTC, an offset', () => {
    const on = (timeZone: string) =>
      parseResultsCsv(writeResultsCsv([entry(1, 'A')], { ...inEnglish, timeZone }))[1]?.slice(9);
    expect(on('UTC')).toEqual(['2026-12-01 08:00:00', '2026-12-01 08:05:00']);
    expect(on('UTC-05:30')).toEqual(['2026-12-01 02:30:00', '2026-12-01 02:35:00']);
  });

  it('survives names with commas, semicolons, quotes and line breaks', () => {
    const name = 'Smith, "Jo"; \nthe second\r\nline';
    for (const [format, separator] of [
      [inEnglish, ','],
      [inRussian, ';'],
    ] as const) {
      const rows = parseResultsCsv(writeResultsCsv([entry(1, name)], format), separator);
      expect(rows).toHaveLength(2);
      expect(rows[1]?.[2]).toBe(name);
    }
  });

  it('keeps names that a spreadsheet would run as formulas as plain text, in both dialects', () => {
    const names = ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '\tx'];
    const entries = names.map((name, i) => entry(i + 1, name));
    expect(
      parseResultsCsv(writeResultsCsv(entries, inEnglish), ',')
        .slice(1)
        .map((row) => row[2]),
    ).toEqual(names.map((name) => `'${name}`));
    expect(
      parseResultsCsv(writeResultsCsv(entries, inRussian), ';')
        .slice(1)
        .map((row) => row[2]),
    ).toEqual(names.map((name) => `'${name}`));
  });
});

describe('the numbers of the results file', () => {
  it('give the accuracy in percent with one decimal at most', () => {
    expect([1, 0.5, 7 / 8, 2 / 3, 0].map(accuracyPercent)).toEqual([100, 50, 87.5, 66.7, 0]);
  });

  it('round a loss as the reply showed it: four decimals, three significant digits below 0.001', () => {
    expect([0.062_512_345, 0.25, 0.001_049_9, 0.000_987_654, 1.234_567e-9, 0].map(roundLoss)).toEqual([
      0.0625, 0.25, 0.001, 0.000_988, 1.23e-9, 0,
    ]);
  });
});

describe("the results file is written by the bot's one CSV writer", () => {
  it('keeps a name with a semicolon in one cell, so that a spreadsheet splitting on ; runs nothing', () => {
    const name = 'Ann;=HYPERLINK("http://e.x/","a")';
    for (const [format, separator] of [
      [inEnglish, ','],
      [inRussian, ';'],
    ] as const) {
      const csv = writeResultsCsv([entry(1, name, 'ann;@SUM(1+1)')], format);
      const line = csv.split('\r\n')[1] ?? '';
      // The bot's table reader splits as a spreadsheet does: separators inside quotes stay in the cell.
      for (const cell of splitCells(line, ';')) expect(cell).not.toMatch(/^[=+\-@]/);
      expect(parseResultsCsv(csv, separator)[1]?.slice(2, 4)).toEqual([
        guardFormula(name),
        guardFormula('ann;@SUM(1+1)'),
      ]);
    }
  });

  it('writes the numbers as numbers, with the decimal mark of the dialect', () => {
    const best = { ...entry(7, '').best, accuracy: 0.875 };
    expect(
      parseResultsCsv(writeResultsCsv([{ ...entry(7, 'Ann'), best }], inEnglish))[1]?.slice(4, 9),
    ).toEqual(['3', '87.5', '0.0625', '4', '20000']);
    const russian = parseResultsCsv(writeResultsCsv([{ ...entry(7, 'Ann'), best }], inRussian), ';');
    expect(russian[1]?.slice(4, 9)).toEqual(['3', '87,5', '0,0625', '4', '20000']);
  });
});
