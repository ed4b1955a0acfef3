import type { Language } from '../../../config/config.js';
import { formatCount } from '../../../core/number-format.js';
import type { Translate } from '../../../i18n/i18n.js';
import type { LocaleKey } from '../../../i18n/locale-keys.js';

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
