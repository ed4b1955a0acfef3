import { config as loadDotenv } from 'dotenv';
import { type App, createApp } from './app.js';
import { parseConfig } from './config/config.js';
import { createLogger } from './config/logger.js';
import { describeStartupError, describeStartupRetry } from './startup-error.js';

loadDotenv({ quiet: true });
let token = '';
let secrets: string[] = [];
let apiRoot: string | undefined;
try {
  const config = parseConfig(process.env, { requireToken: true });
  token = config.botToken ?? '';
  secrets = [token, config.webhook?.secret ?? ''];
  apiRoot = config.telegramApiRoot;
  // A person at a terminal reads short lines; anything else (a file, journald, a log collector) gets JSON.
  const logger = createLogger({
    level: config.logLevel,
    secrets,
    readable: process.stdout.isTTY,
    instance: config.instanceId,
  });
  const app = createApp({ ...config, botToken: token }, logger, {
    onStartupRetry: (error) =>
      console.error(describeStartupRetry(error, secrets, apiRoot, config.startupRetrySeconds)),
  });
  stopOnSignals(app, logger, config.timeouts.shutdownSeconds * 1000);
  process.on('unhandledRejection', (error) =>
    logger.error({ err: error }, 'an unhandled rejection; the bot goes on'),
  );
  app.done.catch((error: unknown) => {
    logger.fatal({ err: error }, 'polling failed; stopping');
    console.error(describeStartupError(error, secrets, apiRoot));
    void app.stop('polling failed').finally(() => process.exit(1));
  });
  await app.start();
} catch (error) {
  console.error(describeStartupError(error, secrets, apiRoot));
  process.exit(1);
}

function stopOnSignals(app: App, logger: ReturnType<typeof createLogger>, budgetMs: number): void {
  const stop = (signal: string) => {
    // app.stop keeps to the budget; should storage itself hang, the process still ends.
    setTimeout(() => {
      logger.fatal({ budgetMs }, 'could not stop in time; exiting with what is saved');
      process.exit(1);
    }, budgetMs).unref();
    app.stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.fatal({ err: error }, 'could not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
