import { describe, expect, it } from 'vitest';
import { detectSeparator, splitCells, unquote } from '../../src/files/table-split.js';

describe('splitCells', () => {
  it('reads "" inside a quoted cell as one quote, and keeps the separators inside the quotes', () => {
    expect(splitCells('"say ""hi""",b,y', ',')).toEqual(['say "hi"', 'b', 'y']);
    expect(splitCells('"a;""b""";c', ';')).toEqual(['a;"b"', 'c']);
    expect(splitCells('"""",1', ',')).toEqual(['"', '1']);
    expect(splitCells('"",1', ',')).toEqual(['', '1']);
  });

  it('keeps a quote inside a cell that does not start with one as text', () => {
    expect(splitCells('5" screen,1,0', ',')).toEqual(['5" screen', '1', '0']);
    expect(splitCells('a,b"c"d,y', ',')).toEqual(['a', 'b"c"d', 'y']);
  });

  it('trims the cells, quoted or not, and ends the last one at the end of the line', () => {
    expect(splitCells('  "a" , b ,"c"  ', ',')).toEqual(['a', 'b', 'c']);
    expect(splitCells('a\t\t"b"', '\t')).toEqual(['a', '', 'b']);
  });

  it('splits a space-separated line on runs of spaces and unquotes each cell', () => {
    expect(splitCells('"0,5"  "1" 0', 'space')).toEqual(['0,5', '1', '0']);
    expect(splitCells('"say""hi""" y', 'space')).toEqual(['say"hi"', 'y']);
    expect(splitCells('   ', 'space')).toEqual([]);
  });
});

describe('unquote', () => {
  it('takes off the quotes around a cell and reads "" inside as one quote', () => {
    expect(unquote('"a""b"')).toBe('a"b');
    expect(unquote('""')).toBe('');
    expect(unquote('""""')).toBe('"');
  });

  it('leaves a cell that is not quoted on both ends as it is, a lone quote included', () => {
    expect(unquote('"')).toBe('"');
    expect(unquote('"a')).toBe('"a');
    expect(unquote('a"')).toBe('a"');
    expect(unquote('a""b')).toBe('a""b');
  });
});

describe('detectSeparator', () => {
  it('looks past quoted cells: separators inside quotes do not count', () => {
    expect(detectSeparator('"a;b",c,y')).toBe(',');
    expect(detectSeparator('"0,5" 1 0')).toBe('space');
    expect(detectSeparator('"a\tb";c;y')).toBe(';');
  });

  it('takes tabs over the decimal commas between them', () => {
    expect(detectSeparator('0,5\t1\t0')).toBe('\t');
  });

  it('does not take the e of a number written with an exponent for a letter of a header', () => {
    for (const line of ['1e-5 2,5 0', '1E+5 2,5 0', '1e5 2,5 0'])
      expect([line, detectSeparator(line)]).toEqual([line, 'space']);
  });
});

describe('splitCells around the separators', () => {
  it('trims every cell, the last one and those without quotes included', () => {
    expect(splitCells('0 , 1 ,0', ',')).toEqual(['0', '1', '0']);
    expect(splitCells('"q", b', ',')).toEqual(['q', 'b']);
  });

  it('reads a quoted cell after spaces that follow a separator', () => {
    expect(splitCells('x, "a,b"', ',')).toEqual(['x', 'a,b']);
  });
});
