import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBot } from './kit/bot-process.js';
import { makeTempDir, startFake } from './kit/temp.js';

describe('another process polling with the same token (Telegram answers 409 Conflict)', () => {
  it('makes the bot say so and exit with a failure code, not end silently with 0', async () => {
    const api = await startFake();
    const cwd = await makeTempDir();
    const bot = await startBot(api, join(cwd, 'data'), cwd, { LOG_LEVEL: 'info' });
    await api.waitForIdle(10_000);

    const other = await fetch(`${api.apiRoot}/bot${api.token}/getUpdates?timeout=0`);
    expect(other.status).toBe(200);
    const exit = await bot.exited;

    expect(bot.stdout() + bot.stderr()).toMatch(/conflict|409|another/i);
    expect(exit.code).not.toBe(0);
  });
});
