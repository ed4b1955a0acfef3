import { fileURLToPath } from 'node:url';
import type { Telegraf } from 'telegraf';
import type { BotContext } from '../bot/kit/bot-context.js';
import type { BotDependencies } from '../bot/kit/bot-dependencies.js';
import { createPerceptronDoc } from '../bot/kit/state/documents.js';
import { MINIAPP_REQUESTS_PER_MINUTE, type MiniAppConfig } from '../config/config.js';
import type { Router } from '../http/router.js';
import { APP_PATH } from '../miniapp-api/api-schema.js';
import type { TrainingRunner } from '../training/training-runner.js';
import { mountApi } from './api-routes.js';
import { publishMenuButton } from './menu-button.js';
import { mountPageFiles } from './page-files.js';
import { createTrainingWatch, type TrainingWatch } from './training-watch.js';

/** Where `npm run build` puts the page, from src/miniapp/ and dist/miniapp/ alike. */
export const BUILT_PAGE_DIR = fileURLToPath(new URL('../../dist/app/', import.meta.url));

/** The terminal chat's mode: the page opens in a desktop browser with a stand-in for Telegram's script. */
export interface MiniAppDevMode {
  /** The stand-in's source, served as /app/telegram-web-app.js. */
  standIn: string;
}

export interface MiniAppOptions {
  /** The built page; dist/app/ by default. */
  pageDir?: string;
  dev?: MiniAppDevMode;
  requestsPerMinute?: number;
  /** The interface the app's own server listens on (without a webhook); every one when absent. */
  host?: string;
}

/** The Mini App's side of the bot: the trainings it watches, and its page and API on a router. */
export interface MiniApp {
  readonly config: MiniAppConfig;
  /** The runner with every training watched for the page; deps.trainer must be this one. */
  watchTrainings(runner: TrainingRunner): TrainingRunner;
  /** Mounts the page and the API (once the bot and its dependencies exist, before the server starts). */
  mount(router: Router, deps: BotDependencies, bot: Telegraf<BotContext>, botToken: string): void;
  /** Makes the menu button of private chats open the app; a failure is logged, the bot runs on. */
  publishMenuButton(deps: BotDependencies, bot: Telegraf<BotContext>): Promise<void>;
}

export function createMiniApp(config: MiniAppConfig, options: MiniAppOptions = {}): MiniApp {
  let stores: BotDependencies['perceptrons'] | undefined;
  const watch: TrainingWatch = createTrainingWatch({
    storedBefore: async (key) => {
      if (stores && (await stores.read(key))) await stores.update(key, (doc) => doc ?? createPerceptronDoc());
    },
  });
  return {
    config,
    watchTrainings: (runner) => watch.observe(runner),
    mount(router, deps, bot, botToken) {
      stores = deps.perceptrons;
      if (!deps.memberTurns) throw new Error('the Mini App needs deps.memberTurns, shared with the chat');
      mountPageFiles(router, {
        dir: options.pageDir ?? BUILT_PAGE_DIR,
        dev: options.dev !== undefined,
        ...(options.dev ? { standIn: options.dev.standIn } : {}),
        warn: (message) => deps.logger.warn(message),
      });
      mountApi(router, {
        deps,
        bot,
        botToken,
        watch,
        turns: deps.memberTurns,
        requestsPerMinute: options.requestsPerMinute ?? MINIAPP_REQUESTS_PER_MINUTE,
      });
    },
    publishMenuButton: (deps, bot) => publishMenuButton(bot.telegram, deps, `${config.publicUrl}${APP_PATH}`),
  };
}
