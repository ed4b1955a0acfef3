import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import type { FakeBotApi, FakeChat, FakeUser } from '../../src/dev/fake-bot-api.js';
import { startBot, stopBot } from './kit/bot-process.js';
import { openPerceptrons } from './kit/stored-data.js';
import { makeTempDir, startFake } from './kit/temp.js';

const CANNOT_SAVE = (m: { text?: string }) => m.text?.includes('cannot save') ?? false;
const ADDED = (m: { text?: string }) => m.text?.startsWith('✅ Added 1 row. Rows now: 1.') ?? false;

/** The inbox (where received updates wait until handled) replaced by a file: every write there fails, even as root. */
function breakInbox(dataDir: string): void {
  rmSync(join(dataDir, 'inbox'), { recursive: true, force: true });
  writeFileSync(join(dataDir, 'inbox'), 'not a folder');
}

function repairInbox(dataDir: string): void {
  rmSync(join(dataDir, 'inbox'), { force: true });
  mkdirSync(join(dataDir, 'inbox'), { mode: 0o700 });
}

async function setUp() {
  const api = await startFake();
  const cwd = await makeTempDir();
  const dataDir = join(cwd, 'data');
  const user = api.user(301, { language_code: 'en' });
  return { api, cwd, dataDir, user, chat: api.privateChat(user) };
}

async function storedRows(dataDir: string, chat: FakeChat, user: FakeUser): Promise<string[]> {
  const key = perceptronKey(chat.id, user.id);
  const { docs } = await openPerceptrons(dataDir, [key]);
  return docs.get(key)?.rows.map((row) => `${row.inputs.join(' ')} -> ${row.output}`) ?? [];
}

const noticesIn = (api: FakeBotApi, chat: FakeChat) => api.messages(chat.id).filter(CANNOT_SAVE).length;

describe('an inbox the bot cannot write to (a full disk, a read-only folder)', () => {
  it('keeps the bot running, tells the member once, and adds the row when writing works again', async () => {
    const { api, cwd, dataDir, user, chat } = await setUp();
    const bot = await startBot(api, dataDir, cwd, { LOG_LEVEL: 'error' });
    await api.waitForIdle(10_000);
    breakInbox(dataDir);
    api.sendText(chat, user, '0 0 1 -> 0');
    await api.waitForMessage(chat.id, CANNOT_SAVE, 10_000);
    await sleep(1500);
    expect(bot.child.exitCode).toBe(null);
    expect(bot.stdout()).toMatch(/"level":50.*could not save an update/);

    repairInbox(dataDir);
    await api.waitForMessage(chat.id, ADDED, 45_000);
    expect(noticesIn(api, chat)).toBe(1);
    expect(await stopBot(bot)).toMatchObject({ code: 0 });
    expect(await storedRows(dataDir, chat, user)).toEqual(['0 0 1 -> 0']);
  }, 60_000);

  it('does not confirm the update to Telegram meanwhile: after a restart the row is still added', async () => {
    const { api, cwd, dataDir, user, chat } = await setUp();
    const first = await startBot(api, dataDir, cwd, { LOG_LEVEL: 'error' });
    await api.waitForIdle(10_000);
    breakInbox(dataDir);
    api.sendText(chat, user, '1 1 1 -> 1');
    await api.waitForMessage(chat.id, CANNOT_SAVE, 10_000);
    first.child.kill('SIGTERM');
    await first.exited;

    repairInbox(dataDir);
    const second = await startBot(api, dataDir, cwd, { LOG_LEVEL: 'error' });
    await api.waitForMessage(chat.id, ADDED, 20_000);
    expect(await stopBot(second)).toMatchObject({ code: 0 });
    expect(await storedRows(dataDir, chat, user)).toEqual(['1 1 1 -> 1']);
  }, 60_000);
});
