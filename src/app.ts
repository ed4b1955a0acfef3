import { join } from 'node:path';
import type { Telegraf } from 'telegraf';
import { createBackgroundTasks } from './bot/background-tasks.js';
import type { BotContext } from './bot/bot-context.js';
import type { BotDependencies } from './bot/bot-dependencies.js';
import { publishCommandMenus } from './bot/commands-menu.js';
import { createBot } from './bot/create-bot.js';
import { isPerceptronDoc, isProfileDoc, type PerceptronDoc, type ProfileDoc } from './bot/state/documents.js';
import type { Config } from './config/config.js';
import type { Logger } from './config/logger.js';
import { createI18n } from './i18n/i18n.js';
import { createLowdbStore } from './storage/index.js';
import { createOutgoingLimiter, type OutgoingLimiterOptions } from './telegram/rate-limit.js';
import { runInline } from './training/inline-executor.js';
import { createTrainingRunner } from './training/training-runner.js';

export interface App {
  bot: Telegraf<BotContext>;
  deps: BotDependencies;
  /** Connects, publishes the menus and starts long polling; resolves once updates are being fetched. */
  start(): Promise<void>;
  /** Stops polling, stops trainings (saving their weights and telling their owners), flushes storage. */
  stop(reason: string): Promise<void>;
}

/** Builds the bot and everything it needs from a validated config. Starts nothing. */
export interface AppOptions {
  /** Pacing of outgoing calls; tests make the intervals tiny. */
  outgoing?: Partial<OutgoingLimiterOptions>;
  progressIntervalMs?: { private: number; group: number };
}

export function createApp(
  config: Config & { botToken: string },
  logger: Logger,
  options: AppOptions = {},
): App {
  const storeLogger = logger.child({ module: 'store' });
  const recovered = new Set<string>();
  const onRecovered = ({ key }: { key: string }) => recovered.add(key);
  const deps: BotDependencies = {
    config,
    logger,
    i18n: createI18n(config.defaultLanguage),
    perceptrons: createLowdbStore<PerceptronDoc>({
      dir: join(config.dataDir, 'perceptrons'),
      validate: isPerceptronDoc,
      logger: storeLogger,
      onRecovered,
    }),
    profiles: createLowdbStore<ProfileDoc>({
      dir: join(config.dataDir, 'profiles'),
      validate: isProfileDoc,
      logger: storeLogger,
      onRecovered,
    }),
    trainer: createTrainingRunner(runInline),
    outgoing: createOutgoingLimiter({ ...options.outgoing }),
    ...(options.progressIntervalMs ? { progressIntervalMs: options.progressIntervalMs } : {}),
    background: createBackgroundTasks((error) => logger.error({ err: error }, 'a background task failed')),
    recoveredKeys: recovered,
  };
  const bot = createBot(
    { token: config.botToken, ...(config.telegramApiRoot ? { apiRoot: config.telegramApiRoot } : {}) },
    deps,
  );
  let polling: Promise<void> | undefined;

  return {
    bot,
    deps,
    async start() {
      await new Promise<void>((resolve, reject) => {
        polling = bot.launch({ allowedUpdates: ['message', 'callback_query'] }, () => resolve());
        polling.catch(reject);
      });
      await publishCommandMenus(bot.telegram, deps, logger);
      logger.info({ username: bot.botInfo?.username }, 'the bot is polling for updates');
    },
    async stop(reason) {
      logger.info({ reason }, 'stopping');
      if (polling) bot.stop(reason);
      await deps.trainer.stopAll();
      await deps.background.idle();
      await polling?.catch(() => undefined);
      await Promise.all([deps.perceptrons.flush(), deps.profiles.flush()]);
      logger.info('stopped; everything is saved');
    },
  };
}
