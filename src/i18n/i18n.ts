import { readFileSync } from 'node:fs';
import i18next, { type i18n as I18nInstance } from 'i18next';
import { LANGUAGES, type Language } from '../config/config.js';
import type { LocaleKey } from './locale-keys.js';

export type TranslationVars = Record<string, unknown>;
/** Renders a locale key with its variables; `count` selects the plural form. */
export type Translate = (key: LocaleKey, vars?: TranslationVars) => string;

const localesDir = new URL('../../locales/', import.meta.url);

/** Escapes what Telegram's HTML parse mode treats as markup; nothing else. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Reads one locale file as plain JSON. */
export function readLocale(language: Language): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${language}.json`, localesDir), 'utf8'));
}

/** Loads every locale once and returns a translator factory; a missing key throws, since it is a bug. */
export function createI18n(defaultLanguage: Language): { translatorFor: (language: Language) => Translate } {
  const instance: I18nInstance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    lng: defaultLanguage,
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: readLocale(l) }])),
    interpolation: { escape: escapeHtml },
    returnNull: false,
  });
  const fixed = new Map(LANGUAGES.map((l) => [l, instance.getFixedT(l)]));
  return {
    translatorFor(language) {
      const t = fixed.get(language) ?? fixed.get(defaultLanguage);
      if (!t) throw new Error(`no translator for ${language}`);
      return (key, vars) => {
        if (!instance.exists(key, { lng: language, ...vars })) throw new Error(`missing locale key ${key}`);
        return String(t(key, vars as never));
      };
    },
  };
}
