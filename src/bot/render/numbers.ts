import type { Language } from '../../config/config.js';
import type { Translate } from '../../i18n/i18n.js';
import type { LocaleKey } from '../../i18n/locale-keys.js';

/** An output or weight as the lesson prints it: five decimals. */
export function formatFixed(n: number, digits = 5): string {
  const text = n.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** A loss stays readable as it shrinks towards zero. */
export function formatLoss(loss: number): string {
  if (!Number.isFinite(loss)) return '—';
  return loss === 0 || loss >= 0.001 ? loss.toFixed(4) : loss.toExponential(2);
}

// Made once: a new Intl.NumberFormat costs about as much as rendering the whole reply.
const COUNT_FORMATS: Readonly<Record<Language, Intl.NumberFormat>> = {
  en: new Intl.NumberFormat('en-US'),
  ru: new Intl.NumberFormat('ru-RU'),
};

/** Large counts with the language's digit grouping: 160,000,000 or 160 000 000. */
export function formatCount(n: number, language: Language): string {
  return COUNT_FORMATS[language].format(n);
}

/** A text bar of `cells` cells for a fraction from 0 to 1. */
export function renderProgressBar(fraction: number, cells = 10): string {
  const filled = Math.max(0, Math.min(cells, Math.round(fraction * cells)));
  return '▓'.repeat(filled) + '░'.repeat(cells - filled);
}

/** "20,000 epochs" / "20 000 эпох": a count with its plural noun, `units.<name>` in the locales. */
export function formatUnits(
  t: Translate,
  language: Language,
  name: 'epochs' | 'rows' | 'inputs',
  n: number,
): string {
  return t(UNIT_KEYS[name], { count: n, n: formatCount(n, language) });
}

const UNIT_KEYS: Readonly<Record<'epochs' | 'rows' | 'inputs', LocaleKey>> = {
  epochs: 'units.epochs',
  rows: 'units.rows',
  inputs: 'units.inputs',
};
