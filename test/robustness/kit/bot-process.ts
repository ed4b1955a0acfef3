import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import type { FakeBotApi } from '../../../src/dev/fake-bot-api.js';

/** The real entry point, as `npm start` runs it after `npm run build`. */
export const MAIN = fileURLToPath(new URL('../../../dist/main.js', import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** `node dist/main.js` running as a child, with everything it printed. */
export interface BotProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  stdout(): string;
  stderr(): string;
}

/**
 * Runs dist/main.js with exactly `env` (plus PATH) in `cwd`, so no .env or variable of the developer's
 * leaks in. Killed with SIGKILL when the test ends, if still running.
 */
export function spawnBot(env: Record<string, string>, cwd: string): BotProcess {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<Exit>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

/** The environment that points the bot at the fake Bot API and a data folder. */
export function botEnv(api: FakeBotApi, dataDir: string, extra: Record<string, string> = {}) {
  return {
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** Resolves at the next call of `method` the fake answers. */
export function nextCall(api: FakeBotApi, method: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = api.onCall((call) => {
      if (call.method !== method) return;
      stop();
      resolve();
    });
  });
}

/** Starts the bot and resolves once it is about to poll (it has asked the fake to delete any webhook). */
export async function startBot(
  api: FakeBotApi,
  dataDir: string,
  cwd: string,
  extra: Record<string, string> = {},
): Promise<BotProcess> {
  const polling = nextCall(api, 'deleteWebhook');
  const bot = spawnBot(botEnv(api, dataDir, extra), cwd);
  const early = bot.exited.then((exit) => {
    throw new Error(
      `the bot exited (${JSON.stringify(exit)}) before polling: ${bot.stderr()}${bot.stdout()}`,
    );
  });
  await Promise.race([polling, early]);
  early.catch(() => undefined);
  return bot;
}

/** Sends SIGTERM, the way a service manager stops the bot, and resolves with how it exited. */
export async function stopBot(bot: BotProcess): Promise<Exit> {
  bot.child.kill('SIGTERM');
  return bot.exited;
}
