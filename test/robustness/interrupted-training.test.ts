import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { FakeBotApi, FakeMessage } from '../../src/dev/fake-bot-api.js';
import type { FakeAnswer } from '../../src/dev/fake-bot-types.js';
import { startBot, stopBot } from './kit/bot-process.js';
import { randomRows, storePerceptrons } from './kit/stored-data.js';
import { createRandom, makeTempDir, startFake } from './kit/temp.js';

const LIMITS = { MAX_TRAINING_COST: '1000000000', MAX_EPOCHS: '1000000', TRAINING_WORKERS: '1' };

/** The progress messages the bot has on disk as belonging to trainings under way. */
async function recordedMessageIds(dataDir: string): Promise<number[]> {
  try {
    const file = join(dataDir, 'trainings', 'running-trainings.json');
    const doc = JSON.parse(await readFile(file, 'utf8')) as { messages: Array<{ messageId: number }> };
    return doc.messages.map((m) => m.messageId);
  } catch {
    return [];
  }
}

async function waitUntilRecorded(dataDir: string, messageId: number): Promise<void> {
  for (let tries = 0; !(await recordedMessageIds(dataDir)).includes(messageId); tries++) {
    if (tries > 500) throw new Error(`message ${messageId} was never recorded as a training's`);
    await sleep(10);
  }
}

/** The message as it reads now, after the edits the bot made. */
const current = (api: FakeBotApi, message: FakeMessage) =>
  api.messages(message.chat.id).find((m) => m.message_id === message.message_id);

describe('the bot killed with SIGKILL while a member trains', () => {
  it('turns the progress message into a notice with [Train] at the next start, and the button trains', async () => {
    const api = await startFake();
    const cwd = await makeTempDir();
    const dataDir = join(cwd, 'data');
    const id = 101;
    await storePerceptrons(dataDir, new Map([[id, randomRows(createRandom(6), 1000, 32)]]));
    const bot = await startBot(api, dataDir, cwd, LIMITS);
    const user = api.user(id, { language_code: 'ru' });
    api.sendText(api.privateChat(user), user, '/train 31250');
    const progress = await api.waitForMessage(id, (m) => m.text?.startsWith('🧠') ?? false, 10_000);
    await waitUntilRecorded(dataDir, progress.message_id);
    bot.child.kill('SIGKILL');
    expect((await bot.exited).signal).toBe('SIGKILL');
    expect(current(api, progress)?.text).toMatch(/^🧠/u);

    const again = await startBot(api, dataDir, cwd, LIMITS);
    const isThis = (p: Record<string, unknown>) => Number(p.message_id) === progress.message_id;
    await api.waitForCall('editMessageText', isThis, 10_000);
    const notice = current(api, progress) as FakeMessage;
    expect(notice.text).toContain('Это обучение прервалось');
    const [train] = api.buttons(notice);
    expect(train?.text).toBe('▶️ Обучить');
    api.pressButton(notice, String(train?.callback_data), user);
    const result = await api.waitForMessage(id, (m) => /^(✅|⏹)/u.test(m.text ?? ''), 30_000);
    expect(result.text).toMatch(/^✅/u);
    await api.waitForIdle(10_000);
    expect(await stopBot(again)).toMatchObject({ code: 0 });
    expect(await recordedMessageIds(dataDir)).toEqual([]);
  }, 60_000);

  it('and after a SIGTERM that had no time left to send the result, the same notice', async () => {
    const api = await startFake();
    const cwd = await makeTempDir();
    const dataDir = join(cwd, 'data');
    const id = 102;
    await storePerceptrons(dataDir, new Map([[id, randomRows(createRandom(7), 1000, 32)]]));
    const env = { ...LIMITS, SHUTDOWN_SECONDS: '1' };
    const bot = await startBot(api, dataDir, cwd, env);
    const user = api.user(id, { language_code: 'en' });
    api.sendText(api.privateChat(user), user, '/train 31250');
    const progress = await api.waitForMessage(id, (m) => m.text?.startsWith('🧠') ?? false, 10_000);
    await waitUntilRecorded(dataDir, progress.message_id);
    // From now on the Bot API never answers in this chat: the result cannot go out.
    api.setResponder((call) =>
      Number(call.payload.chat_id) === id ? new Promise<FakeAnswer>(() => {}) : undefined,
    );
    expect(await stopBot(bot)).toMatchObject({ code: 0 });
    expect(await recordedMessageIds(dataDir)).toEqual([progress.message_id]);

    api.setResponder(undefined);
    const again = await startBot(api, dataDir, cwd, env);
    const isThis = (p: Record<string, unknown>) => Number(p.message_id) === progress.message_id;
    await api.waitForCall('editMessageText', isThis, 10_000);
    expect(current(api, progress)?.text).toContain('This training was cut off');
    // The fake still holds the first run's unanswered calls, so it is never idle: wait for the record instead.
    for (let tries = 0; (await recordedMessageIds(dataDir)).length > 0; tries++) {
      if (tries > 500) throw new Error('the notice was sent but its record never cleared');
      await sleep(10);
    }
    expect(await stopBot(again)).toMatchObject({ code: 0 });
  }, 60_000);
});
