import { Context, type Telegraf } from 'telegraf';
import type { Update, UserFromGetMe } from 'telegraf/types';
import { createUpdateIntake, type UpdateIntake } from '../../telegram/update-intake.js';
import type { UpdateJournal } from '../../telegram/update-journal.js';
import type { BotContext } from './bot-context.js';
import type { BotDependencies } from './bot-dependencies.js';
import { languageFromTelegram, localeMiddleware } from './middleware/locale.js';
import { answerPress, reply } from './reply.js';
import { keyOf } from './state/perceptron-state.js';

/**
 * The bot's side of the intake: a member's updates take turns by the key their perceptron is stored
 * under, and a member whose update could not be saved hears so in their language.
 */
export function createBotIntake(
  bot: Telegraf<BotContext>,
  deps: BotDependencies,
  journal: UpdateJournal,
): UpdateIntake {
  const contextOf = (update: Update): BotContext =>
    new Context(update, bot.telegram, bot.botInfo as UserFromGetMe) as BotContext;
  const locale = localeMiddleware(deps);
  return createUpdateIntake({
    journal,
    logger: deps.logger,
    handle: (update) => bot.handleUpdate(update).finally(() => deps.metrics?.updatesApplied.inc()),
    keyOf(update) {
      const ctx = contextOf(update);
      return ctx.from && ctx.chat ? keyOf(ctx) : undefined;
    },
    async tellNotSaved(update) {
      const ctx = contextOf(update);
      if (!ctx.from || !ctx.chat) return;
      let told = false;
      const tell = async () => {
        told = true;
        if (ctx.callbackQuery) await answerPress(ctx, ctx.t('inbox.notSavedPress'));
        else await reply(ctx, ctx.t('inbox.notSaved'));
      };
      await Promise.resolve(locale(ctx, tell)).catch(async (error: unknown) => {
        if (told) throw error;
        // The store is what fails (PostgreSQL down): the member hears it in their Telegram language.
        ctx.language = languageFromTelegram(ctx.from?.language_code, deps.config.defaultLanguage);
        ctx.t = deps.i18n.translatorFor(ctx.language);
        await tell();
      });
    },
    track: (task) => deps.background.track(task),
  });
}
