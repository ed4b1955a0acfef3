import { Composer } from 'telegraf';
import { LANGUAGES, type Language } from '../../config/config.js';
import { formatUserKey } from '../../storage/index.js';
import { type BotContext, senderId } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { button, onButton } from '../kit/buttons.js';
import { BUTTON_CODES } from '../kit/callback-data.js';
import { reply } from '../kit/reply.js';

const LANGUAGE_NAMES: Record<Language, string> = { en: '🇬🇧 English', ru: '🇷🇺 Русский' };

/** /lang with buttons, or /lang ru|en; the choice is kept per user and holds in every chat. */
export function langFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('lang', async (ctx) => {
    const wanted = ctx.payload.trim().toLowerCase();
    if (wanted === '') {
      const buttons = LANGUAGES.map((l) => button(ctx, LANGUAGE_NAMES[l], BUTTON_CODES.language, l));
      return void (await reply(ctx, ctx.t('lang.choose'), [buttons]));
    }
    const language = LANGUAGES.find((l) => l === wanted);
    if (!language) return void (await reply(ctx, ctx.t('lang.unknown')));
    await setLanguage(deps, ctx, language);
  });
  onButton(composer, BUTTON_CODES.language, async (ctx, press) => {
    const language = LANGUAGES.find((l) => l === press.argument);
    if (!language) return ctx.t('press.unknown');
    await setLanguage(deps, ctx, language);
    return undefined;
  });
  return composer;
}

async function setLanguage(deps: BotDependencies, ctx: BotContext, language: Language): Promise<void> {
  await deps.profiles.update(formatUserKey(senderId(ctx)), (profile) => ({
    ...profile,
    version: 1,
    language,
  }));
  ctx.language = language;
  ctx.t = deps.i18n.translatorFor(language);
  await reply(ctx, ctx.t('lang.set'));
}
