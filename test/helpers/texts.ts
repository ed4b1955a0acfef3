import { formatCount } from '../../src/bot/render/numbers.js';
import type { Language } from '../../src/config/config.js';
import { createI18n, type Translate } from '../../src/i18n/i18n.js';

export type { Translate };

const i18n = createI18n('en');

/** The texts a member should see, rendered from locales/*.json. */
export function textsFor(language: Language): Translate {
  return i18n.translatorFor(language);
}

/** A count as the language groups its digits: 20,000 or 20 000 (with a no-break space). */
export function countIn(language: Language, n: number): string {
  return formatCount(n, language);
}

/** A number as a picture's caption writes it: with a decimal comma in Russian (0,00680, 3,20e-5). */
export function decimalIn(language: Language, text: string): string {
  return language === 'ru' ? text.replaceAll('.', ',') : text;
}
