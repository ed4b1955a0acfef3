import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { FakeBotApi, FakeChat, FakeMessage, FakeUser } from '../../src/dev/fake-bot-api.js';
import { readResidentMb } from '../../src/dev/resident-memory.js';
import { startBot } from './kit/bot-process.js';
import { makeTempDir, startFake } from './kit/temp.js';

const MEMBERS = [71, 72, 73, 74];
const REPLAYS_EACH = 6;
const PLOTS_EACH = 3;
/** One render thread on any machine: each thread's allocators keep their own few freed pages. */
const ENV = { MESSAGES_PER_MINUTE: '1000', TRAINING_WORKERS: '1' };
/** The bot frees a picture's memory right after sending it; the reading waits this long for that. */
const SETTLE_MS = 1_000;
/**
 * How much above its starting point the bot may stay: the issue's 20%. resvg's mimalloc hands back what a
 * picture freed at once (training/native-memory.ts); glibc keeps some freed fragments of the pictures'
 * buffers for reuse, mostly on the main thread: 11% to 18% more than before in our runs (143-150 MB before,
 * 164-169 MB after). Memory that is never given back took 25 times as much.
 */
const HEADROOM = 1.2;

interface Member {
  user: FakeUser;
  chat: FakeChat;
}

const isPhoto = (m: FakeMessage) => m.media_method === 'sendPhoto';
const isReplay = (m: FakeMessage) => m.media_method === 'sendAnimation';

/** Every member sends `text` at the same time; resolves when each has the answer that passes `check`. */
function askEach(api: FakeBotApi, members: Member[], text: string, check: (m: FakeMessage) => boolean) {
  return Promise.all(
    members.map(({ user, chat }) => {
      api.sendText(chat, user, text);
      return api.waitForMessage(chat.id, check, 90_000);
    }),
  );
}

/** The bot's resident memory (MB) once it is idle and has had a moment to give back what it freed. */
async function readSettledMb(api: FakeBotApi, pid: number): Promise<number> {
  await api.waitForIdle();
  await sleep(SETTLE_MS);
  return readResidentMb(pid);
}

describe("the bot's memory after pictures", () => {
  it('is given back after 24 /replay and 12 /plot from four members', async () => {
    const api = await startFake();
    const cwd = await makeTempDir();
    const bot = await startBot(api, join(cwd, 'data'), cwd, ENV);
    const pid = bot.child.pid as number;
    const members = MEMBERS.map((id) => {
      const user = api.user(id, { language_code: 'en' });
      return { user, chat: api.privateChat(user) };
    });
    await askEach(api, members, '/example lesson', (m) => m.text !== undefined);
    // A finished training is followed by its picture.
    await askEach(api, members, '/train', isPhoto);
    const before = await readSettledMb(api, pid);

    for (let i = 0; i < REPLAYS_EACH; i++) await askEach(api, members, '/replay', isReplay);
    for (let i = 0; i < PLOTS_EACH; i++) await askEach(api, members, '/plot', isPhoto);
    const after = await readSettledMb(api, pid);

    const told = `resident memory: ${before.toFixed(0)} MB before the pictures, ${after.toFixed(0)} MB after`;
    console.log(told);
    expect(after, told).toBeLessThan(before * HEADROOM);
  }, 240_000);
});
