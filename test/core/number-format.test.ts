import { describe, expect, it } from 'vitest';
import { parseQuery, parseRows } from '../../src/core/dataset-parse.js';
import { formatCount, numberFormatFor } from '../../src/core/number-format.js';
import { readNumber } from '../../src/core/read-number.js';

const en = numberFormatFor('en');
const ru = numberFormatFor('ru');

describe('number rendering', () => {
  it('prints five decimals and never a minus sign on zero', () => {
    expect(en.fixed(0.9999618518527374)).toBe('0.99996');
    expect(en.fixed(-1e-10)).toBe('0.00000');
    expect(en.fixed(-0.5)).toBe('-0.50000');
    expect(en.fixed(-4.98465, 2)).toBe('-4.98');
  });

  it('keeps a shrinking loss readable', () => {
    expect(en.loss(0.25)).toBe('0.2500');
    expect(en.loss(3.2e-5)).toBe('3.20e-5');
    expect(en.loss(Number.NaN)).toBe('—');
  });

  it('writes a loss in exponent form alone when asked, zero as 0', () => {
    expect([0.25, 3.37e-4, 5.59e-297, 0, Number.NaN].map(en.lossExponent)).toEqual([
      '2.50e-1',
      '3.37e-4',
      '5.59e-297',
      '0',
      '—',
    ]);
  });

  it('writes an accuracy with at most one decimal', () => {
    expect([1, 0.875, 2 / 3].map(en.percent)).toEqual(['100', '87.5', '66.7']);
  });

  it('groups digits the way each language does', () => {
    expect(formatCount(160_000_000, 'en')).toBe('160,000,000');
    expect(formatCount(20_000, 'ru').replace(/\s/g, ' ')).toBe('20 000');
    expect(ru.count(20_000)).toBe(formatCount(20_000, 'ru'));
  });
});

describe('the decimal mark', () => {
  const samples = [0.5, -0.16596, 1e-7, 1.5e300, 10.3804, 0.875];

  it('is a point in English and a comma in Russian, in every form', () => {
    expect(samples.map(en.value)).toEqual(['0.5', '-0.16596', '1e-7', '1.5e+300', '10.3804', '0.875']);
    expect(samples.map(ru.value)).toEqual(['0,5', '-0,16596', '1e-7', '1,5e+300', '10,3804', '0,875']);
    expect([ru.fixed(-0.16596), ru.fixed(-4.98465, 2), ru.exponent(1.23456789e292)]).toEqual([
      '-0,16596',
      '-4,98',
      '1,2346e+292',
    ]);
    expect([ru.loss(0.30994), ru.loss(3.2e-5), ru.lossExponent(3.37e-4), ru.percent(0.875)]).toEqual([
      '0,3099',
      '3,20e-5',
      '3,37e-4',
      '87,5',
    ]);
  });

  it('reads back as the same number, alone and as a row or a query of several numbers', () => {
    for (const format of [en, ru]) {
      for (const n of samples) expect(readNumber(format.value(n))).toBe(n);
      const row = { inputs: samples.slice(0, 3), output: 0.875 };
      const line = `${row.inputs.map(format.value).join(' ')} -> ${format.value(row.output)}`;
      expect(parseRows(line)).toEqual({ ok: true, rows: [row] });
      expect(parseQuery(samples.map(format.value).join(' '), samples.length)).toEqual({
        ok: true,
        inputs: samples,
      });
    }
  });
});
