import type { MiddlewareFn } from 'telegraf';
import type { Language } from '../../../config/config.js';
import { formatUserKey } from '../../../storage/index.js';
import type { BotContext } from '../bot-context.js';
import type { BotDependencies } from '../bot-dependencies.js';

/** ru* gives Russian, en* English, anything else (or nothing) the configured default. */
export function languageFromTelegram(code: string | undefined, fallback: Language): Language {
  const lower = code?.toLowerCase() ?? '';
  if (lower.startsWith('ru')) return 'ru';
  if (lower.startsWith('en')) return 'en';
  return fallback;
}

/** Sets ctx.language and ctx.t: the user's choice from /lang, else their Telegram language. */
export function localeMiddleware(deps: BotDependencies): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const from = ctx.from;
    const chosen = from ? (await deps.profiles.read(formatUserKey(from.id)))?.language : undefined;
    ctx.language = chosen ?? languageFromTelegram(from?.language_code, deps.config.defaultLanguage);
    ctx.t = deps.i18n.translatorFor(ctx.language);
    return next();
  };
}
