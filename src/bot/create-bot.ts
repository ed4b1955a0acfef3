import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { createLimiterMiddleware, installRateLimiter } from '../telegram/rate-limit.js';
import { readApiFailure } from '../telegram/telegram-errors.js';
import type { BotContext } from './bot-context.js';
import { isGroupChat } from './bot-context.js';
import type { BotDependencies } from './bot-dependencies.js';
import { dataFeature } from './features/data.js';
import { exampleFeature } from './features/example.js';
import { groupMigrationFeature } from './features/group-migration.js';
import { langFeature } from './features/lang.js';
import { predictFeature } from './features/predict.js';
import { rowsFeature } from './features/rows.js';
import { settingsFeature } from './features/settings.js';
import { startFeature } from './features/start.js';
import { trainFeature } from './features/train.js';
import { weightsFeature } from './features/weights.js';
import { floodLimit } from './middleware/flood-limit.js';
import { localeMiddleware } from './middleware/locale.js';
import { recoveryNotice } from './middleware/recovery-notice.js';
import { sequentialize } from './middleware/sequentialize.js';
import { answerPress, reply } from './reply.js';
import { keyOf } from './state/perceptron-state.js';

export interface BotOptions {
  token: string;
  apiRoot?: string;
}

/** The whole bot: middleware, one composer per feature, and the error handler. Nothing starts here. */
export function createBot(options: BotOptions, deps: BotDependencies): Telegraf<BotContext> {
  const bot = new Telegraf<BotContext>(options.token, {
    handlerTimeout: Number.POSITIVE_INFINITY,
    ...(options.apiRoot ? { telegram: { apiRoot: options.apiRoot } } : {}),
  });
  installRateLimiter(bot.telegram, deps.outgoing);
  bot.use(createLimiterMiddleware(deps.outgoing));
  bot.use((ctx, next) => (ctx.from && ctx.chat ? next() : undefined));
  bot.use(sequentialize(keyOf));
  bot.use(localeMiddleware(deps));
  bot.use(
    floodLimit({
      perMinute: deps.config.limits.messagesPerMinute,
      onFirstExcess: (ctx) => reply(ctx, ctx.t('errors.flood')),
    }),
  );
  bot.use(recoveryNotice(deps));
  bot.use(
    groupMigrationFeature(deps),
    startFeature(deps),
    rowsFeature(deps),
    dataFeature(deps),
    exampleFeature(deps),
    trainFeature(deps),
    predictFeature(deps),
    weightsFeature(deps),
    settingsFeature(deps),
    langFeature(deps),
  );
  bot.on('callback_query', (ctx) => answerPress(ctx, ctx.t('press.unknown')));
  bot.on('message', (ctx) => answerUnhandledMessage(ctx));
  bot.catch(async (error, ctx) => {
    if (readApiFailure(error).code === 403) {
      deps.logger.info(
        { chatId: ctx.chat?.id },
        'the user blocked the bot or left the chat; nothing to answer',
      );
      return;
    }
    deps.logger.error({ err: error, updateId: ctx.update.update_id }, 'an update failed');
    if (ctx.chat && ctx.t) await reply(ctx, ctx.t('errors.internal')).catch(() => undefined);
  });
  detachUpdateHandling(bot, deps);
  return bot;
}

/** Unknown commands meant for this bot get a pointer to /help; anything else in a group is left alone. */
async function answerUnhandledMessage(ctx: BotContext): Promise<void> {
  const text = ctx.message && 'text' in ctx.message ? ctx.message.text : '';
  const command = /^\/\w+(?:@(\w+))?/.exec(text);
  const mention = command?.[1];
  if (mention && mention.toLowerCase() !== ctx.me.toLowerCase()) return;
  if (isGroupChat(ctx) && !mention) return;
  await reply(ctx, ctx.t(command ? 'unknownCommand' : 'rows.ignoredText'));
}

/**
 * Telegraf's polling loop waits for a whole batch of updates before it fetches the next one, so one
 * member's slow reply would hold up the class. Each update runs on its own instead; shutdown waits for
 * them through deps.background, sequentialize keeps each member's updates in order, and the journal keeps
 * each update on disk until handled, since Telegram counts it as delivered at the next poll.
 */
function detachUpdateHandling(bot: Telegraf<BotContext>, deps: BotDependencies): void {
  const handle = bot.handleUpdate.bind(bot);
  const seen = createRecentIds(10_000);
  bot.handleUpdate = async (update: Update, webhookResponse?) => {
    // After a crash an update can come twice: replayed from the journal, then again from Telegram.
    if (!seen.add(update.update_id)) return;
    await deps.journal?.record(update);
    const handled = handle(update, webhookResponse).finally(() => deps.journal?.done(update.update_id));
    deps.background.track(handled);
  };
}

/** The last `size` ids; add() is false for an id already among them. */
function createRecentIds(size: number): { add(id: number): boolean } {
  const ids = new Set<number>();
  return {
    add(id) {
      if (ids.has(id)) return false;
      ids.add(id);
      if (ids.size > size) ids.delete(ids.values().next().value as number);
      return true;
    },
  };
}
