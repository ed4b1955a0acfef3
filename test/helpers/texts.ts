import type { Language } from '../../src/config/config.js';
import { formatCount } from '../../src/core/number-format.js';
import { createI18n, type Translate } from '../../src/i18n/i18n.js';

export type { Translate };

const i18n = createI18n('en');

/** The texts a member should see, rendered from locales/*.json. */
export function textsFor(language: Language): Translate {
  return i18n.translatorFor(language);
}

/** Decimals written in English, as the language writes them: -0.16596 stays, or becomes -0,16596. */
export function inLanguage(language: Language, text: string): string {
  return language === 'ru' ? text.replace(/(\d)\.(\d)/g, '$1,$2') : text;
}

/** A count as the language groups its digits: 20,000 or 20 000 (with a no-break space). */
export function countIn(language: Language, n: number): string {
  return formatCount(n, language);
}
