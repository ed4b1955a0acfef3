import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { spawnBot } from './kit/bot-process.js';
import { makeTempDir } from './kit/temp.js';

/** A port on 127.0.0.1 that nothing listens on: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves with the milliseconds until `read()` matches, or rejects after `timeoutMs`. */
async function timeUntil(read: () => string, pattern: RegExp, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!pattern.test(read())) {
    if (Date.now() - started > timeoutMs) throw new Error(`no ${pattern} after ${timeoutMs} ms: ${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

const STACK_LINE = /^\s+at /m;

describe('npm start with a well-formed token and no network', () => {
  it('says within seconds that the Bot API is not reachable and that it keeps trying; logs stay JSON lines without a stack', async () => {
    const apiRoot = `http://127.0.0.1:${await closedPort()}`;
    const bot = spawnBot(
      { BOT_TOKEN: '123456:abcdef', TELEGRAM_API_ROOT: apiRoot, DATA_DIR: 'data' },
      await makeTempDir(),
    );
    const sentence = new RegExp(
      `^Cannot reach the Telegram Bot API at ${apiRoot} \\(ECONNREFUSED\\); still trying, for up to 60 s \\(STARTUP_RETRY_SECONDS\\)…$`,
      'm',
    );
    const waited = await timeUntil(bot.stderr, sentence, 10_000);
    expect(waited).toBeLessThan(5000);
    // A second failure is not a second sentence.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(bot.stderr().trimEnd().split('\n')).toEqual([expect.stringMatching(sentence)]);
    const logLines = bot.stdout().trimEnd().split('\n');
    const logs = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logs[0]).toMatchObject({ level: 40, call: 'getMe', reason: 'ECONNREFUSED' });
    expect(bot.stdout() + bot.stderr()).not.toMatch(STACK_LINE);
    expect(bot.stdout()).not.toContain('stack');
    expect(bot.stdout() + bot.stderr()).not.toContain('abcdef');
  });
});
