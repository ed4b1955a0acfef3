import { describe, expect, it } from 'vitest';
import {
  columnNamesFor,
  defaultColumnNames,
  MAX_COLUMN_NAME,
  toColumnNames,
} from '../../src/files/column-names.js';

describe('toColumnNames', () => {
  it('names the inputs from all cells but the last, and the output from the last', () => {
    expect(toColumnNames(['temp', 'wind', 'rain'])).toEqual({ inputs: ['temp', 'wind'], output: 'rain' });
  });

  it('drops control and format characters, squeezes spaces, and cuts long names with …', () => {
    expect(toColumnNames(['\u200bbody \u0007  temp\u0007 ', ' y '])).toEqual({
      inputs: ['body temp'],
      output: 'y',
    });
    const [long] = toColumnNames(['n'.repeat(40), 'y'])?.inputs ?? [];
    expect(Array.from(long ?? '')).toHaveLength(MAX_COLUMN_NAME);
    expect(long?.endsWith('…')).toBe(true);
  });

  it('gives an empty or invisible cell its default name', () => {
    expect(toColumnNames(['', 'wind', '\u200f'])).toEqual({ inputs: ['x1', 'wind'], output: 'y' });
  });

  it('gives no names for the defaults, nor for fewer than two cells', () => {
    expect(toColumnNames(['x1', 'x2', 'y'])).toBeUndefined();
    expect(toColumnNames(['', ' ', 'y'])).toBeUndefined();
    expect(toColumnNames(['rain'])).toBeUndefined();
    expect(toColumnNames([])).toBeUndefined();
  });

  it('keeps the defaults in another order as names', () => {
    expect(toColumnNames(['x2', 'x1', 'y'])).toEqual({ inputs: ['x2', 'x1'], output: 'y' });
  });
});

describe('defaultColumnNames and columnNamesFor', () => {
  it('writes x1 … xn and y', () => {
    expect(defaultColumnNames(3)).toEqual({ inputs: ['x1', 'x2', 'x3'], output: 'y' });
  });

  it('gives the names only to a dataset of their width', () => {
    const names = { inputs: ['a', 'b'], output: 'y' };
    expect(columnNamesFor(names, 2)).toBe(names);
    expect(columnNamesFor(names, 3)).toBeUndefined();
    expect(columnNamesFor(undefined, 2)).toBeUndefined();
  });
});
