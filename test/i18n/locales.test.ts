import { describe, expect, it } from 'vitest';
import { createI18n, readLocale } from '../../src/i18n/i18n.js';

type Flat = Map<string, string>;

/** `{ a: { b: 'x' } }` as `a.b -> x`. */
function flatten(tree: Record<string, unknown>, prefix = '', into: Flat = new Map()): Flat {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null) flatten(value as Record<string, unknown>, path, into);
    else into.set(path, String(value));
  }
  return into;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Keys by their base: a plural family `rows.added_one`, `rows.added_other` is one entry `rows.added`. */
function families(flat: Flat): Map<string, Map<string, string>> {
  const byBase = new Map<string, Map<string, string>>();
  for (const [key, value] of flat) {
    const form = PLURAL.exec(key)?.[1] ?? '';
    const base = key.replace(PLURAL, '');
    const forms = byBase.get(base) ?? new Map<string, string>();
    forms.set(form, value);
    byBase.set(base, forms);
  }
  return byBase;
}

const variables = (text: string): string[] =>
  [...text.matchAll(/{{-?\s*(\w+)\s*}}/g)].map((m) => m[1] as string);
const variablesOf = (forms: Map<string, string>): string[] =>
  [...new Set([...forms.values()].flatMap(variables))].sort();

const en = flatten(readLocale('en'));
const ru = flatten(readLocale('ru'));
const enFamilies = families(en);
const ruFamilies = families(ru);
const formsOf = (all: Map<string, Map<string, string>>) =>
  [...all].map(([base, forms]) => [base, [...forms.keys()].sort()] as const);

describe('locales/en.json and locales/ru.json', () => {
  it('have the same keys, plural families compared by their base key', () => {
    expect([...ruFamilies.keys()].sort()).toEqual([...enFamilies.keys()].sort());
  });

  it('English plural families have exactly _one and _other', () => {
    const plural = formsOf(enFamilies).filter(([, forms]) => forms.join() !== '');
    expect(plural.length).toBeGreaterThan(0);
    for (const [base, forms] of plural) expect([base, forms]).toEqual([base, ['one', 'other']]);
  });

  it('Russian plural families have exactly _one, _few, _many and _other', () => {
    const plural = formsOf(ruFamilies).filter(([, forms]) => forms.join() !== '');
    for (const [base, forms] of plural)
      expect([base, forms]).toEqual([base, ['few', 'many', 'one', 'other']]);
  });

  it('a key is plural in one language exactly when it is plural in the other', () => {
    const isPlural = (forms: Map<string, string> | undefined) => !forms?.has('');
    for (const [base, forms] of enFamilies)
      expect([base, isPlural(forms)]).toEqual([base, isPlural(ruFamilies.get(base))]);
  });

  it('have no empty strings', () => {
    for (const [key, value] of [...en, ...ru]) expect([key, value.trim()]).not.toEqual([key, '']);
  });

  it('use the same {{variables}} in each pair', () => {
    for (const [base, forms] of enFamilies) {
      const russian = ruFamilies.get(base);
      expect([base, variablesOf(russian ?? new Map())]).toEqual([base, variablesOf(forms)]);
    }
  });

  it('use the same {{variables}} in every form of a plural family', () => {
    for (const [base, forms] of [...enFamilies, ...ruFamilies]) {
      for (const [form, text] of forms) {
        expect([base, form, [...new Set(variables(text))].sort()]).toEqual([base, form, variablesOf(forms)]);
      }
    }
  });
});

describe('Russian plurals through createI18n', () => {
  const t = createI18n('en').translatorFor('ru');
  const epochs = (count: number) => t('units.epochs', { count, n: String(count) });

  it.each([
    [1, '1 эпоха'],
    [2, '2 эпохи'],
    [4, '4 эпохи'],
    [5, '5 эпох'],
    [11, '11 эпох'],
    [12, '12 эпох'],
    [21, '21 эпоха'],
    [22, '22 эпохи'],
    [25, '25 эпох'],
    [100, '100 эпох'],
    [101, '101 эпоха'],
    [111, '111 эпох'],
    [0, '0 эпох'],
  ])('%i: %s', (count, text) => {
    expect(epochs(count)).toBe(text);
  });

  it('rows and inputs follow the same rules', () => {
    expect(t('units.rows', { count: 3, n: '3' })).toBe('3 строки');
    expect(t('units.inputs', { count: 32, n: '32' })).toBe('32 входа');
    expect(t('units.inputs', { count: 5, n: '5' })).toBe('5 входов');
  });

  it('English has one and other', () => {
    const english = createI18n('en').translatorFor('en');
    expect(english('units.epochs', { count: 1, n: '1' })).toBe('1 epoch');
    expect(english('units.epochs', { count: 21, n: '21' })).toBe('21 epochs');
  });
});
