import { describe, expect, it } from 'vitest';
import { readLocale } from '../../src/i18n/i18n.js';

/** `{ a: { b: 'x' } }` as `a.b -> x`. */
function flatten(tree: Record<string, unknown>, prefix = '', into = new Map<string, string>()) {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null) flatten(value as Record<string, unknown>, path, into);
    else into.set(path, String(value));
  }
  return into;
}

const en = flatten(readLocale('en'));
const ru = flatten(readLocale('ru'));
/** Russian texts with the English text of the same key, {{variables}} left out: their names are not words. */
const pairs = [...ru].map(([key, russian]) => {
  const base = key.replace(/_(one|few|many|other)$/, '');
  const english = (en.get(key) ?? en.get(`${base}_other`) ?? '').replace(/{{[^}]*}}/g, '');
  return { key, russian: russian.replace(/{{[^}]*}}/g, ''), english };
});

// The English texts are the reference: "loss" is the mean squared error over the rows, "error" is one
// row's y - out, "wrong" is a row the neuron gets wrong (not "the wrong type", not "went wrong").
const aboutLoss = (english: string) => /\bloss\b/i.test(english);
const aboutError = (english: string) => /\berrors?\b/i.test(english.replace(/mean squared error/gi, ''));
const aboutWrongRow = (english: string) => /\bwrong\b/i.test(english.replace(/wrong type|went wrong/gi, ''));

// «ошибка» alone; «среднеквадратичная ошибка» is the loss's own name, its definition in the lesson.
const BARE_ERROR = /(?<!среднеквадратичн\p{L}*\s)ошибк/iu;
const LOSS_WORD = /потер|среднеквадратичн/i;
const keysWhere = (test: (pair: (typeof pairs)[number]) => boolean) =>
  pairs.filter(test).map(({ key }) => key);

describe('one Russian word for each thing the lesson names', () => {
  it('the loss is «потери» (or «среднеквадратичная ошибка»), never a bare «ошибка»', () => {
    expect(keysWhere(({ english }) => aboutLoss(english)).length).toBeGreaterThan(10);
    expect(
      keysWhere(
        ({ english, russian }) =>
          aboutLoss(english) && (!LOSS_WORD.test(russian) || BARE_ERROR.test(russian)),
      ),
    ).toEqual([]);
  });

  it('one row’s y - out is «ошибка»', () => {
    expect(keysWhere(({ english }) => aboutError(english)).length).toBeGreaterThan(5);
    expect(keysWhere(({ english, russian }) => aboutError(english) && !BARE_ERROR.test(russian))).toEqual([]);
  });

  it('«ошибка» names nothing else: not the loss, not a wrong row, not a mistyped line', () => {
    expect(keysWhere(({ english, russian }) => BARE_ERROR.test(russian) && !aboutError(english))).toEqual([]);
  });

  it('a row the neuron gets wrong is «неверно», «неверная строка»', () => {
    expect(keysWhere(({ english }) => aboutWrongRow(english)).length).toBeGreaterThan(2);
    expect(keysWhere(({ english, russian }) => aboutWrongRow(english) && !/неверн/i.test(russian))).toEqual(
      [],
    );
  });

  it('a number in a Russian text has a decimal comma, and a point only where typing one is the point', () => {
    const decimalPoint = /\d\.\d/;
    // The row format tells how to type a decimal: with a comma between spaces, else with a point.
    const aboutTyping = new Set(['help.rowFormat']);
    expect(keysWhere(({ key, russian }) => decimalPoint.test(russian) && !aboutTyping.has(key))).toEqual([]);
  });
});
