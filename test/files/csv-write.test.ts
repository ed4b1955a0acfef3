import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardFormula, unguardFormula, writeCsvLines } from '../../src/files/csv-write.js';
import { parseCsv } from '../helpers/csv.js';

/** What a spreadsheet runs as a formula: = + - @, a tab or a CR first, after spaces or double quotes. */
const FORMULA = /^[ "]*[=+\-@\t\r]/;
/** Text made mostly of the characters that matter here. */
const trickyText = fc
  .array(fc.constantFrom('a', 'я', '1', ' ', '"', "'", '=', '+', '-', '@', '\t', '\r', '\n', ',', ';'), {
    maxLength: 12,
  })
  .map((chars) => chars.join(''));

describe('the CSV writer', () => {
  it.each([
    ['=', '=HYPERLINK("http://e.x/","a")'],
    ['+', "+cmd|' /C calc'!A0"],
    ['@', '@SUM(1+1)'],
    ['-', '-2+3'],
    ['a tab', '\t=1+1'],
    ['a CR', '\r=1+1'],
  ])('keeps a text cell starting with %s as text: a quote in front', (_, text) => {
    const [cells] = parseCsv(writeCsvLines([[text, 'plain']]));
    expect(cells?.[0]?.startsWith(`'${text.slice(0, 1)}`)).toBe(true);
    expect(cells?.[1]).toBe('plain');
  });

  it('writes numbers as numbers, negative ones and -0 included', () => {
    expect(writeCsvLines([[-0.5, -0, 1e-7, -2, 0.1 + 0.2]])).toBe('-0.5,-0,1e-7,-2,0.30000000000000004\r\n');
  });

  it('quotes text with a separator, a quote or white space', () => {
    expect(writeCsvLines([['a;b', 'a,b', 'say "hi"', 'Анна Петрова', 'plain', '']])).toBe(
      '"a;b","a,b","say ""hi""","Анна Петрова",plain,\r\n',
    );
  });

  it('guards a formula after a semicolon too: Excel in Russian splits a CSV there, mid-field quotes or not', () => {
    const line = writeCsvLines([[1, "Ann;=cmd|' /C calc'!A0;"]]);
    expect(line).toBe(`1,"Ann;'=cmd|' /C calc'!A0;"\r\n`);
    expect(line.slice(0, -2).split(';')).toEqual(['1,"Ann', "'=cmd|' /C calc'!A0", '"']);
  });

  it('leaves no cell a spreadsheet would run, whichever of comma, semicolon or tab it splits on, quotes or not', () => {
    fc.assert(
      fc.property(fc.array(trickyText, { minLength: 1, maxLength: 4 }), (texts) => {
        const csv = writeCsvLines([texts]);
        const [cells] = parseCsv(csv);
        expect(cells).toHaveLength(texts.length);
        for (const cell of cells ?? []) expect(cell).not.toMatch(FORMULA);
        // A reader that takes no quote into account: every separator and line break starts a cell.
        for (const cell of csv.slice(0, -2).split(/[,;\t\r\n]/)) expect(cell).not.toMatch(FORMULA);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the formula guard', () => {
  it('is undone exactly by unguardFormula, quotes typed by people included', () => {
    fc.assert(
      fc.property(trickyText, (text) => {
        expect(unguardFormula(guardFormula(text))).toBe(text);
      }),
      { numRuns: 5000 },
    );
  });

  it('changes nothing of ordinary text', () => {
    for (const text of ['temp', 'Анна Петрова', "it's", "'quoted'", '', '0.5', 'a, b; c']) {
      expect(guardFormula(text)).toBe(text);
      expect(unguardFormula(text)).toBe(text);
    }
  });
});

describe('the CSV writer in a spreadsheet dialect', () => {
  const russian = { separator: ';', decimalMark: ',', byteOrderMark: true } as const;

  it('writes a BOM first, the separator and decimal mark asked, text untouched by the decimal mark', () => {
    expect(writeCsvLines([['Имя', 0.5, -0.25, 1.5e-7, 20000, '0.5']], russian)).toBe(
      '\uFEFFИмя;0,5;-0,25;1,5e-7;20000;0.5\r\n',
    );
    expect(writeCsvLines([[0.5, 'a']], { separator: ',', decimalMark: '.', byteOrderMark: true })).toBe(
      '\uFEFF0.5,a\r\n',
    );
  });

  it('quotes text with either separator in it, and guards formulas as without a dialect', () => {
    expect(writeCsvLines([['a;b', 'a,b', '=1+1', 'Анна Петрова']], russian)).toBe(
      `\uFEFF"a;b";"a,b";'=1+1;"Анна Петрова"\r\n`,
    );
  });

  it('is the plain RFC 4180 CSV without one', () => {
    expect(writeCsvLines([[0.5, 'a;b']])).toBe('0.5,"a;b"\r\n');
  });
});
