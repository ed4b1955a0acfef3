import { Telegraf } from 'telegraf';
import { NotSentError } from '../telegram/rate-limit.js';
import { createLimiterMiddleware, installRateLimiter } from '../telegram/telegraf-patches.js';
import { readApiFailure } from '../telegram/telegram-errors.js';
import { compareFeature } from './compare/compare.js';
import { exerciseFeature } from './exercises/exercise.js';
import { exerciseMigrationFeature } from './exercises/exercise-migration.js';
import { exerciseResultsFeature } from './exercises/exercise-results.js';
import { exerciseTask } from './exercises/exercise-task.js';
import { myExercisesFeature } from './exercises/my-exercises.js';
import { newExerciseFeature } from './exercises/new-exercise.js';
import { quietFeature } from './exercises/quiet.js';
import { submitFeature } from './exercises/submit.js';
import { timeZoneFeature } from './exercises/timezone.js';
import { filesExportFeature } from './files/files-export.js';
import { filesImportFeature } from './files/files-import.js';
import { shareFeature } from './files/share.js';
import { shareOpenFeature } from './files/share-open.js';
import type { BotContext } from './kit/bot-context.js';
import { isGroupChat } from './kit/bot-context.js';
import type { BotDependencies } from './kit/bot-dependencies.js';
import { floodLimit } from './kit/middleware/flood-limit.js';
import { languageFromTelegram, localeMiddleware } from './kit/middleware/locale.js';
import { recoveryNotice } from './kit/middleware/recovery-notice.js';
import { sequentialize } from './kit/middleware/sequentialize.js';
import { answerPress, reply } from './kit/reply.js';
import { keyOf } from './kit/state/perceptron-state.js';
import { langFeature } from './language/lang.js';
import { lessonFeature } from './lesson/lesson.js';
import { stepFeature } from './lesson/step.js';
import { picturesFeature } from './pictures/pictures.js';
import { predictFeature } from './prediction/predict.js';
import { dataFeature } from './rows/data.js';
import { exampleFeature } from './rows/example.js';
import { groupMigrationFeature } from './rows/group-migration.js';
import { rowsFeature } from './rows/rows.js';
import { settingsFeature } from './settings/settings.js';
import { startFeature } from './start/start.js';
import { trainFeature } from './training/train.js';
import { weightsFeature } from './training/weights.js';

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
  bot.use(sequentialize(keyOf, deps.memberTurns));
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
    deps.metrics?.handlerErrors.inc();
    deps.logger.error({ err: error, updateId: ctx.update.update_id }, 'an update failed');
    // Without ctx.t the member's profile could not be read (the database is away): their Telegram language.
    const t =
      ctx.t ??
      deps.i18n.translatorFor(languageFromTelegram(ctx.from?.language_code, deps.config.defaultLanguage));
    if (ctx.chat) await reply(ctx, t('errors.internal')).catch(() => undefined);
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
