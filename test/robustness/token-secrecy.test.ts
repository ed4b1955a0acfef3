import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { spawnBot, startBot, stopBot } from './kit/bot-process.js';
import { makeTempDir, startFake } from './kit/temp.js';

const TOKEN = '7000000002:AAH-very_secret-Token-9zY';
const SECRET = TOKEN.split(':')[1] as string;

/** A port on 127.0.0.1 where nothing listens: taken, then given back. */
async function findClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe('the bot token', () => {
  it('is not printed when the Bot API cannot be reached, even at LOG_LEVEL=debug', async () => {
    const cwd = await makeTempDir();
    const apiRoot = `http://127.0.0.1:${await findClosedPort()}`;
    // Retried for a second first, so that the retries' log lines are checked too.
    const env = {
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: apiRoot,
      DATA_DIR: 'data',
      LOG_LEVEL: 'debug',
      STARTUP_RETRY_SECONDS: '1',
    };
    const bot = spawnBot(env, cwd);
    const exit = await bot.exited;
    const output = bot.stdout() + bot.stderr();
    expect(exit.code).toBe(1);
    expect(bot.stderr()).toContain('ECONNREFUSED');
    expect(bot.stdout()).toContain('trying again');
    expect(output).not.toContain(SECRET);
  });

  it('is not printed in a session with rows, a training, a failed call and a stop, at LOG_LEVEL=debug', async () => {
    const api = await startFake({ token: TOKEN });
    const cwd = await makeTempDir();
    const bot = await startBot(api, `${cwd}/data`, cwd, { LOG_LEVEL: 'debug' });
    const ann = api.user(42, { language_code: 'en' });
    const chat = api.privateChat(ann);
    api.sendText(chat, ann, '0 0 1 -> 0\n1 1 1 -> 1\n1 0 1 -> 1\n0 1 1 -> 0');
    await api.waitForMessage(chat.id, (m) => m.text?.startsWith('✅ Added') ?? false, 10_000);
    api.sendText(chat, ann, '/train 1000');
    await api.waitForMessage(chat.id, (m) => m.text?.startsWith('✅ Trained') ?? false, 10_000);
    api.failWith('sendMessage', undefined, {
      error_code: 500,
      description: `Internal error for ${TOKEN}`,
      times: 2,
    });
    api.sendText(chat, ann, '/predict 1 1 0');
    await api.waitForCall('sendMessage', undefined, 10_000);
    const exit = await stopBot(bot);
    expect(exit.code).toBe(0);
    expect(bot.stdout()).toContain('"level":');
    expect(bot.stdout() + bot.stderr()).not.toContain(SECRET);
  });
});
