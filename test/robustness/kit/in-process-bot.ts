import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { type App, type AppOptions, createApp } from '../../../src/app.js';
import { parseConfig } from '../../../src/config/config.js';
import { createLogger } from '../../../src/config/logger.js';
import { type FakeBotApi, startFakeBotApi } from '../../../src/dev/fake-bot-api.js';

export interface InProcessBot {
  api: FakeBotApi;
  app: App;
  dataDir: string;
}

/**
 * The whole app in this process against a fake Bot API, with outgoing pacing taken out unless `options`
 * says otherwise; `env` is read like the real environment. Stopped and cleaned up when the test ends.
 */
export async function startInProcessBot(
  env: Record<string, string> = {},
  options: AppOptions = {},
): Promise<InProcessBot> {
  const api = await startFakeBotApi();
  const dataDir = await mkdtemp(join(tmpdir(), 'perceptron-robustness-'));
  const config = parseConfig(
    { BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATA_DIR: dataDir, ...env },
    { requireToken: true },
  );
  const app = createApp({ ...config, botToken: api.token }, createLogger({ level: 'silent' }), {
    ...options,
    outgoing: { privateIntervalMs: 0, groupIntervalMs: 0, globalPerSecond: 1000, ...options.outgoing },
  });
  await app.start();
  onTestFinished(async () => {
    await app.stop('the test is over');
    await api.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return { api, app, dataDir };
}

/**
 * Resolves once the fake has delivered every update and the bot has finished handling them. The fake's
 * waitForIdle alone is not enough: the bot confirms updates before it handles them.
 */
export async function settle({ api, app }: InProcessBot): Promise<void> {
  await api.waitForIdle(10_000);
  await app.deps.background.idle();
}
