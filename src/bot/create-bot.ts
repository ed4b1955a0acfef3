import { Telegraf } from 'telegraf';
import { NotSentError } from '../telegram/rate-limit.js';
import { createLimiterMiddleware, installRateLimiter } from '../telegram/telegraf-patches.js';
import { readApiFailure } from '../telegram/telegram-errors.js';
import type { BotContext } from './bot-context.js';
import { isGroupChat } from './bot-context.js';
import type { BotDependencies } from './bot-dependencies.js';
import { compareFeature } from './features/compare.js';
import { dataFeature } from './features/data.js';
import { exampleFeature } from './features/example.js';
import { exerciseFeature } from './features/exercise.js';
import { exerciseMigrationFeature } from './features/exercise-migration.js';
import { exerciseResultsFeature } from './features/exercise-results.js';
import { filesExportFeature } from './features/files-export.js';
import { filesImportFeature } from './features/files-import.js';
import { groupMigrationFeature } from './features/group-migration.js';
import { langFeature } from './features/lang.js';
import { lessonFeature } from './features/lesson.js';
import { myExercisesFeature } from './features/my-exercises.js';
import { newExerciseFeature } from './features/new-exercise.js';
import { picturesFeature } from './features/pictures.js';
import { predictFeature } from './features/predict.js';
import { quietFeature } from './features/quiet.js';
import { rowsFeature } from './features/rows.js';
import { settingsFeature } from './features/settings.js';
import { shareFeature } from './features/share.js';
import { shareOpenFeature } from './features/share-open.js';
import { startFeature } from './features/start.js';
import { stepFeature } from './features/step.js';
import { submitFeature } from './features/submit.js';
import { timeZoneFeature } from './features/time-zone.js';
import { trainFeature } from './features/train.js';
import { weightsFeature } from './features/weights.js';
import { exerciseTask } from './middleware/exercise-task.js';
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

/**
 * The whole bot: middleware, one composer per feature, and the error handler. Nothing starts here: updates
 * come in through src/bot/bot-intake.ts, which journals and orders them.
 */
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
  bot.use(exerciseTask(deps));
  bot.use(recoveryNotice(deps));
  bot.use(
    exerciseMigrationFeature(deps),
    groupMigrationFeature(deps),
    exerciseFeature(deps),
    shareOpenFeature(deps),
    startFeature(deps),
    newExerciseFeature(deps),
    rowsFeature(deps),
    dataFeature(deps),
    filesImportFeature(deps),
    filesExportFeature(deps),
    shareFeature(deps),
    exampleFeature(deps),
    trainFeature(deps),
    compareFeature(deps),
    stepFeature(deps),
    lessonFeature(deps),
    predictFeature(deps),
    weightsFeature(deps),
    picturesFeature(deps),
    settingsFeature(deps),
    langFeature(deps),
    submitFeature(deps),
    exerciseResultsFeature(deps),
    quietFeature(deps),
    timeZoneFeature(deps),
    myExercisesFeature(deps),
  );
  bot.on('callback_query', (ctx) => answerPress(ctx, ctx.t('press.unknown')));
  bot.on('message', (ctx) => answerUnhandledMessage(ctx));
  bot.catch(async (error, ctx) => {
    // The shutdown gave up on the reply and logged it with the rest; an apology would not go either.
    if (error instanceof NotSentError) return;
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
