import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type App, createApp } from '../../src/app.js';
import { parseConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { type FakeBotApi, startFakeBotApi } from '../../src/dev/fake-bot-api.js';
import type { MiniAppOptions } from '../../src/miniapp/mini-app.js';
import { type ChatActions, createChatActions } from './chat-actions.js';
import { createMembers, type Member } from './members.js';

export interface TestBotOptions {
  /** A data folder to reuse (a restart); a new temporary one, removed by stop(), when absent. */
  dataDir?: string;
  /** Environment variables on top of the test defaults, e.g. { MAX_ROWS: '5' }. */
  env?: Record<string, string>;
  /**
   * The first update_id the fake hands out. Telegram's ids keep growing across a restart of the bot,
   * while each new fake starts from 1: a restarted bot needs a start above the ids already used.
   */
  updateIdsFrom?: number;
  /** The bot's token, `<bot id>:<secret>`; the fake's own by default. */
  token?: string;
  /** Runs after the fake Bot API is up and before the bot connects to it (e.g. api.failWith). */
  beforeStart?: (api: FakeBotApi) => unknown;
  /** Minimum time between two edits of a group's exercise board; short by default in tests. */
  boardIntervalMs?: number;
  /** How the Mini App is served when PUBLIC_URL is set (its page folder, its request limit). */
  miniApp?: MiniAppOptions;
}

/** The real bot, long polling a local fake Bot API, with its lowdb files in a folder of its own. */
export interface TestBot extends ChatActions {
  api: FakeBotApi;
  app: App;
  dataDir: string;
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[];
  /** A new member with an id no other member of this bot has, and their private chat. */
  member(language: string | undefined): Member;
  /** Resolves once every update so far was fetched and fully handled, background work included. */
  settle(): Promise<void>;
  /** Stops the app (which saves everything) and the fake; removes the data folder unless it was given. */
  stop(): Promise<void>;
}

/** A fresh temporary data folder. */
export function createDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'perceptron-bot-test-'));
}

/** A generous message rate, so that one member can send many messages in a test. */
const TEST_ENV = { LOG_LEVEL: 'warn', MESSAGES_PER_MINUTE: '10000' };

/** The one place where the app is built for tests: timings made short for tests belong here. */
function createTestApp(
  env: Record<string, string>,
  logs: Record<string, unknown>[],
  boardIntervalMs = 300,
  miniApp?: MiniAppOptions,
): App {
  const config = parseConfig(env, { requireToken: true });
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger({ level: config.logLevel, destination });
  return createApp({ ...config, botToken: config.botToken ?? '' }, logger, {
    outgoing: { privateIntervalMs: 1, groupIntervalMs: 1, globalPerSecond: 10_000 },
    progressIntervalMs: { private: 100, group: 100 },
    exerciseBoardIntervalMs: boardIntervalMs,
    ...(miniApp ? { miniApp } : {}),
  });
}

/** Starts a fake Bot API and the app polling it; stop() ends both. */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const api = await startFakeBotApi(options.token ? { token: options.token } : {});
  // An update the bot ignores (it has no sender) moves the fake's update_id counter.
  if (options.updateIdsFrom) api.sendUpdate({ update_id: options.updateIdsFrom - 1, poll: { id: 'skip' } });
  await options.beforeStart?.(api);
  const dataDir = options.dataDir ?? createDataDir();
  const logs: Record<string, unknown>[] = [];
  const env = {
    ...TEST_ENV,
    ...options.env,
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATA_DIR: dataDir,
  };
  const app = createTestApp(env, logs, options.boardIntervalMs, options.miniApp);
  await app.start();
  const members = createMembers(api);
  return {
    ...createChatActions(api),
    api,
    app,
    dataDir,
    logs,
    member: (language) => members.next(language),
    async settle() {
      await api.waitForIdle();
      await app.deps.background.idle();
    },
    async stop() {
      await app.stop('the test is over');
      await api.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
