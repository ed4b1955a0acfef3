import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBot, stopBot } from './kit/bot-process.js';
import { makeTempDir, startFake } from './kit/temp.js';

const MESSAGES = 5;

describe('messages the bot had received but not yet handled when it was killed', () => {
  it('are handled after the restart', async () => {
    const api = await startFake();
    const cwd = await makeTempDir();
    const dataDir = join(cwd, 'data');
    const bot = await startBot(api, dataDir, cwd);
    const ann = api.user(81, { language_code: 'en' });
    const chat = api.privateChat(ann);
    // Replies to one chat go out about a second apart, so the later messages wait their turn in the bot.
    for (let n = 1; n <= MESSAGES; n++) api.sendText(chat, ann, `${n} 0 1 -> 0\n${n} 1 1 -> 1`);
    await api.waitForMessage(chat.id, (m) => m.text?.startsWith('✅ Added') ?? false, 10_000);
    await api.waitForIdle(10_000);
    bot.child.kill('SIGKILL');
    await bot.exited;

    const again = await startBot(api, dataDir, cwd);
    api.sendText(chat, ann, '/data');
    const data = await api.waitForMessage(chat.id, (m) => m.text?.includes('Your dataset') ?? false, 20_000);
    expect(await stopBot(again)).toMatchObject({ code: 0 });
    expect(data.text).toContain(`${MESSAGES * 2} rows`);
  }, 40_000);
});
