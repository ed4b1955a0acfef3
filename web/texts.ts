import en from '../locales/en.json';
import ru from '../locales/ru.json';

/** The page's languages: the member's profile language, as AppState.language says. */
export type Language = 'en' | 'ru';

interface TextTree {
  [key: string]: string | TextTree;
}

// The build keeps only `app.page` of each locale file in the bundle.
const PAGE_TEXTS: Readonly<Record<Language, TextTree>> = { en: en.app.page, ru: ru.app.page };

export type Translate = (key: string, vars?: Readonly<Record<string, string | number>>) => string;

function lookUp(tree: TextTree, key: string): string | undefined {
  let node: string | TextTree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/**
 * The page's texts in one language, by their key under `app.page`, with `{{name}}` filled in. A plural
 * family (`key_one`, `key_few`, `key_many`, `key_other`) is chosen by the number `count`.
 */
export function translator(language: Language): Translate {
  const tree = PAGE_TEXTS[language];
  const plural = new Intl.PluralRules(language);
  return (key, vars = {}) => {
    const count = vars.count;
    const text =
      lookUp(tree, key) ??
      (typeof count === 'number' ? lookUp(tree, `${key}_${plural.select(count)}`) : undefined) ??
      lookUp(tree, `${key}_other`) ??
      key;
    return text.replace(/{{(\w+)}}/g, (_, name: string) => String(vars[name] ?? ''));
  };
}

/** The language to speak before the state arrives: Telegram's language of the user, else English. */
export function guessLanguage(code: string | undefined): Language {
  return code?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}
