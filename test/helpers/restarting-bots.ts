import { rmSync } from 'node:fs';
import { afterEach } from 'vitest';
import { createDataDir, startTestBot, type TestBot, type TestBotOptions } from './test-bot.js';

/** Bots started and restarted on kept data folders; everything is stopped and removed after each test. */
export interface RestartingBots {
  /** A new data folder, removed after the test. */
  folder(): string;
  /** A new fake and app on the folder; update ids go on growing across restarts, as Telegram's do. */
  start(dataDir: string, options?: Omit<TestBotOptions, 'dataDir' | 'updateIdsFrom'>): Promise<TestBot>;
  stop(bot: TestBot): Promise<void>;
}

export function useRestartingBots(): RestartingBots {
  const running = new Set<TestBot>();
  const folders: string[] = [];
  let updateIdsFrom = 1;
  afterEach(async () => {
    for (const bot of running) await bot.stop();
    running.clear();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  return {
    folder() {
      const dataDir = createDataDir();
      folders.push(dataDir);
      return dataDir;
    },
    async start(dataDir, options = {}) {
      updateIdsFrom += 10_000;
      const bot = await startTestBot({ ...options, dataDir, updateIdsFrom });
      running.add(bot);
      return bot;
    },
    async stop(bot) {
      running.delete(bot);
      await bot.stop();
    },
  };
}
