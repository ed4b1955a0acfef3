import { describe, expect, it } from 'vitest';
import { parseQuery, parseRows } from '../../src/core/dataset-parse.js';
import { readNumber, readWholeNumber } from '../../src/core/read-number.js';

describe('readNumber', () => {
  it.each([
    ['0', 0],
    ['-1', -1],
    ['+2', 2],
    ['.5', 0.5],
    ['2.', 2],
    ['0,5', 0.5],
    ['1e-3', 0.001],
    ['-1.5E+2', -150],
    ['\u22122.5', -2.5],
    ['\u200e0.5\u200b', 0.5],
  ])('reads %j as %d', (token, value) => {
    expect(readNumber(token)).toBe(value);
  });

  it.each([['0x10'], ['0b11'], ['0o7'], ['1_000'], ['1..2'], ['0,5,5'], ['2 3'], ['½'], [''], ['e5']])(
    'refuses %j as not-a-number',
    (token) => {
      expect(readNumber(token)).toBe('not-a-number');
    },
  );

  it.each([['NaN'], ['Infinity'], ['-inf'], ['∞'], ['1e999']])('refuses %j as not-finite', (token) => {
    expect(readNumber(token)).toBe('not-finite');
  });

  it('refuses an invisible mark between two characters of a number', () => {
    for (const token of ['1\u200b0', '1\u200c0', '1\u200d0', '1\u20600', '1\ufeff0', '-\u200b1', '1e\u20603'])
      expect(readNumber(token)).toBe('invisible-character');
  });
});

describe('readWholeNumber', () => {
  it('reads whole numbers in the same syntax', () => {
    expect(['5000', '+7', '2e4', '0', '-0', '-3'].map(readWholeNumber)).toEqual([5000, 7, 20_000, 0, 0, -3]);
  });

  it('refuses fractions, any decimal mark (so 20,000 is never twenty), separators and extra numbers', () => {
    for (const token of [
      '1.5',
      '20,000',
      '20.000',
      '20 000',
      '20_000',
      "20'000",
      '2 3',
      '0x10',
      '1e400',
      '1\u200b0',
    ])
      expect([token, readWholeNumber(token)]).toEqual([token, undefined]);
  });
});

describe('every place that reads a number', () => {
  const tokens = [
    '0.5',
    '0,5',
    '.5',
    '5e-1',
    '+0.5',
    '\u22120.5',
    '0x10',
    '0b1',
    '1_0',
    '1..2',
    'Infinity',
    '1\u200b0',
  ];

  it.each(tokens)('agrees with the row parser on %j', (token) => {
    const asRow = parseRows(`${token} -> 0`, { expectedInputs: 1 });
    const asQuery = parseQuery(token, 1);
    const value = readNumber(token);
    expect(asRow.ok ? asRow.rows[0]?.inputs[0] : 'refused').toBe(
      typeof value === 'number' ? value : 'refused',
    );
    expect(asQuery.ok ? asQuery.inputs[0] : 'refused').toBe(typeof value === 'number' ? value : 'refused');
  });
});
