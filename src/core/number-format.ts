import { formatNumber } from './dataset-format.js';

/** The languages numbers are written in: a decimal point in English, a decimal comma in Russian. */
export type NumberLanguage = 'en' | 'ru';

/**
 * Every number a reply or the Mini App shows, written the way its reader writes numbers: a decimal point
 * in English, a decimal comma in Russian. Each form still reads back as input (the row and /predict
 * parsers take a decimal comma between spaces, and /set takes one anywhere), so a member may copy any
 * number back.
 */
export interface NumberFormat {
  /** A number as typed in rows and /predict: the shortest form that reads back the same, 0.5 or 0,5. */
  value(n: number): string;
  /**
   * A row's inputs as typed, so that the row reads back the same: a lone input keeps its decimal point,
   * since `0,5 -> 1` with nothing around the comma reads as two inputs, 0 and 5.
   */
  inputs(values: readonly number[]): string[];
  /** An output or weight as the lesson prints it: five decimals (or `digits`), never a minus on zero. */
  fixed(n: number, digits?: number): string;
  /** A huge or tiny number in exponent form with `digits` decimals: 1.2346e+292. */
  exponent(n: number, digits?: number): string;
  /** A loss that stays readable as it shrinks towards zero: 0.3099, then 3.20e-5. */
  loss(n: number): string;
  /** A loss in exponent form always (0 as 0): for a column of losses that must read alike. */
  lossExponent(n: number): string;
  /** An accuracy from 0 to 1 as a percentage with at most one decimal: 87.5 or 87,5. */
  percent(accuracy: number): string;
  /** A whole number with the language's digit grouping: 20,000 or 20 000. */
  count(n: number): string;
}

const DECIMAL_MARKS: Readonly<Record<NumberLanguage, string>> = { en: '.', ru: ',' };

// Made once: a new Intl.NumberFormat costs about as much as rendering the whole reply.
const COUNT_FORMATS: Readonly<Record<NumberLanguage, Intl.NumberFormat>> = {
  en: new Intl.NumberFormat('en-US'),
  ru: new Intl.NumberFormat('ru-RU'),
};

const FORMATS: Readonly<Record<NumberLanguage, NumberFormat>> = {
  en: createNumberFormat('en'),
  ru: createNumberFormat('ru'),
};

/** The number format of a language. */
export function numberFormatFor(language: NumberLanguage): NumberFormat {
  return FORMATS[language];
}

function createNumberFormat(language: NumberLanguage): NumberFormat {
  const mark = DECIMAL_MARKS[language];
  // Each text below is one number written by JavaScript, so its only '.' is the decimal point.
  const marked = (text: string) => (mark === '.' ? text : text.replace('.', mark));
  return {
    value: (n) => marked(formatNumber(n)),
    inputs: (values) => values.map(values.length === 1 ? formatNumber : (n) => marked(formatNumber(n))),
    fixed: (n, digits = 5) => marked(toFixed(n, digits)),
    exponent: (n, digits = 4) => marked(n.toExponential(digits)),
    loss: (n) => marked(toLoss(n)),
    lossExponent: (n) => marked(toLossExponent(n)),
    percent: (accuracy) => marked(String(Math.round(accuracy * 1000) / 10)),
    count: (n) => formatCount(n, language),
  };
}

function toFixed(n: number, digits: number): string {
  const text = n.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

function toLoss(loss: number): string {
  if (!Number.isFinite(loss)) return '—';
  return loss === 0 || loss >= 0.001 ? loss.toFixed(4) : toLossExponent(loss);
}

function toLossExponent(loss: number): string {
  if (!Number.isFinite(loss)) return '—';
  return loss === 0 ? '0' : loss.toExponential(2);
}

/** Large counts with the language's digit grouping: 160,000,000 or 160 000 000. */
export function formatCount(n: number, language: NumberLanguage): string {
  return COUNT_FORMATS[language].format(n);
}
