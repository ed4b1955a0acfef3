import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import type { FakeBotApi } from '../../src/dev/fake-bot-api.js';
import type { FakeAnswer } from '../../src/dev/fake-bot-types.js';
import { type BotProcess, type Exit, startBot } from './kit/bot-process.js';
import { openPerceptrons, randomRows, storePerceptrons } from './kit/stored-data.js';
import { createRandom, makeTempDir, startFake } from './kit/temp.js';

const LIMITS = { MAX_TRAINING_COST: '1000000000', MAX_EPOCHS: '1000000', TRAINING_WORKERS: '1' };
/** Far longer than the shutdown may take, far shorter than a Bot API call hanging for telegraf's 500 s. */
const EXIT_WAIT_MS = 20_000;

/** SIGTERM, then how the bot exited, or undefined if it was still running EXIT_WAIT_MS later. */
async function terminate(bot: BotProcess): Promise<Exit | undefined> {
  bot.child.kill('SIGTERM');
  return Promise.race([bot.exited, sleep(EXIT_WAIT_MS).then(() => undefined)]);
}

/** The pino lines the bot wrote, parsed. */
const logLines = (bot: BotProcess): Record<string, unknown>[] =>
  bot
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));

const notSentLine = (bot: BotProcess) =>
  logLines(bot).find((line) => String(line.msg).includes('were not sent')) as
    | { count: number; calls: string[] }
    | undefined;

async function epochsTrained(dataDir: string, id: number): Promise<number> {
  const key = perceptronKey(id, id);
  const { docs } = await openPerceptrons(dataDir, [key]);
  return docs.get(key)?.model?.epochsTrained ?? 0;
}

/** Resolves when the fake has answered `count` sendMessage calls to the chat. */
function repliesTo(api: FakeBotApi, chatId: number, count: number): Promise<void> {
  let seen = 0;
  return new Promise((resolve) => {
    const stop = api.onCall((call) => {
      if (call.method !== 'sendMessage' || Number(call.payload.chat_id) !== chatId) return;
      seen += 1;
      if (seen < count) return;
      stop();
      resolve();
    });
  });
}

describe('SIGTERM with work still waiting', () => {
  it('starts no training the member asked for before it, and gives up on paced replies at SHUTDOWN_SECONDS', async () => {
    const api = await startFake();
    const cwd = await makeTempDir();
    const dataDir = join(cwd, 'data');
    const id = 81;
    await storePerceptrons(dataDir, new Map([[id, randomRows(createRandom(4), 1000, 32)]]));
    const bot = await startBot(api, dataDir, cwd, { ...LIMITS, SHUTDOWN_SECONDS: '2' });
    const user = api.user(id, { language_code: 'en' });
    const chat = api.privateChat(user);
    // Ten replies paced at about one a second after the first three, then a training of about 1e9
    // multiply-adds: the /train is received at once but waits for the replies before it.
    for (let i = 0; i < 10; i++) api.sendText(chat, user, '/weights');
    api.sendText(chat, user, '/train 31250');
    await repliesTo(api, chat.id, 4);
    const exit = await terminate(bot);

    expect(exit).toEqual({ code: 0, signal: null });
    expect(await epochsTrained(dataDir, id)).toBe(0);
    const weights = api.messages(chat.id).filter((m) => m.text?.includes('No weights yet'));
    expect(weights.length).toBeLessThan(10);
    // Every /weights not answered is in the log, and so is the training's progress message.
    const notSent = notSentLine(bot)?.calls.filter((call) => call === `sendMessage chat:${chat.id}`) ?? [];
    expect(notSent.length).toBeGreaterThanOrEqual(10 - weights.length + 1);
  }, 60_000);

  it('exits in time when the Bot API hangs, saving the weights a running training reached', async () => {
    const api = await startFake();
    const cwd = await makeTempDir();
    const dataDir = join(cwd, 'data');
    const trainers = [91, 93, 94];
    const waiter = 92;
    const rows = randomRows(createRandom(5), 100, 32);
    await storePerceptrons(dataDir, new Map(trainers.map((id) => [id, rows])));
    const env = { ...LIMITS, SHUTDOWN_SECONDS: '2', API_TIMEOUT_SECONDS: '600' };
    const bot = await startBot(api, dataDir, cwd, env);
    for (const id of trainers) {
      const user = api.user(id, { language_code: 'en' });
      api.sendText(api.privateChat(user), user, '/train 312500');
    }
    // One worker trains one member at a time: when the first result is in, the next training is under way.
    const finished = (text: string | undefined) => text?.startsWith('✅ Trained') ?? false;
    await Promise.race(trainers.map((id) => api.waitForMessage(id, (m) => finished(m.text), 30_000)));
    // Every reply to another member hangs, as a Bot API that accepts the connection and never answers.
    let markHung = (): void => {};
    const hung = new Promise<void>((resolve) => {
      markHung = resolve;
    });
    api.setResponder((call) => {
      if (Number(call.payload.chat_id) !== waiter) return undefined;
      markHung();
      return new Promise<FakeAnswer>(() => {});
    });
    const waiterUser = api.user(waiter, { language_code: 'en' });
    api.sendText(api.privateChat(waiterUser), waiterUser, '/weights');
    await hung;
    const exit = await terminate(bot);

    expect(exit).toEqual({ code: 0, signal: null });
    const epochs = await Promise.all(trainers.map((id) => epochsTrained(dataDir, id)));
    expect(epochs.filter((n) => n > 0 && n < 312_500)).toHaveLength(1);
    expect(notSentLine(bot)?.calls).toContain(`sendMessage chat:${waiter}`);
  }, 60_000);
});
