// The bot with REDIS_URL: dist/main.js instances in webhook mode on one PostgreSQL database, trainings run
// by dist/worker/main.js processes. A training in a separate worker ends with numpy's weights; Stop
// pressed on another instance stops it; a worker or an instance killed with SIGKILL mid-training still
// ends in exactly one result.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { FakeBotApi, FakeChat, FakeMessage, FakeUser } from '../../src/dev/fake-bot-api.js';
import { freePort } from '../../src/dev/free-port.js';
import { pollFor } from '../helpers/exercise-kit.js';
import { createWebhookDelivery, type WebhookDelivery, webhookEnv } from '../helpers/webhook-delivery.js';
import { type BotProcess, botEnv, spawnBot } from './kit/bot-process.js';
import { launchInstance, useClusterServers } from './kit/cluster.js';
import { makeTempDir, startFake } from './kit/temp.js';
import { jobsStarted, startWorker } from './kit/worker-process.js';

/**
 * A training of 10⁹ multiply-adds (MAX_TRAINING_COST's ceiling): 100 rows x 32 inputs x 312,500 epochs,
 * about a second on a worker of a quiet machine.
 */
const LONG_EPOCHS = 312_500;
/** A comparison near that cost on the same rows (the genetic method weighs most). */
const COMPARE_EPOCHS = 6000;
const SLOW_MS = 60_000;
const LESSON_WEIGHTS = '<pre>w1 10.38041\nw2 -0.20641\nw3 -4.98452</pre>';

const servers = useClusterServers();

interface Instance {
  process: BotProcess;
  hook: WebhookDelivery;
}

/** The fake Bot API, a member, and how to start instances (each delivered to on its own) and workers. */
async function startCluster() {
  const api = await startFake();
  const cwd = await makeTempDir();
  const shared = servers.env();
  let instances = 0;
  const startInstance = async (): Promise<Instance> => {
    instances += 1;
    const hookEnv = { ...webhookEnv(), PORT: String(await freePort()) };
    const process = await launchInstance(api, cwd, `instance-${instances}`, { ...shared, ...hookEnv });
    return { process, hook: createWebhookDelivery(api, Number(hookEnv.PORT), hookEnv) };
  };
  const worker = () => startWorker({ BOT_TOKEN: api.token, ...shared }, cwd);
  const user = api.user(501, { language_code: 'en' });
  return { api, startInstance, worker, user, chat: api.privateChat(user) };
}

/** Resolves once the worker has started a job (a training, or a comparison's first method). */
const firstJobStarted = (trainer: BotProcess) =>
  pollFor(() => (jobsStarted(trainer).length > 0 ? true : undefined), 'a job started on the worker', SLOW_MS);

/** Sends a text to one instance, as Telegram would, and resolves with the bot's next message (no photo). */
async function say(api: FakeBotApi, to: Instance, chat: FakeChat, user: FakeUser, text: string) {
  api.sendText(chat, user, text);
  expect(await to.hook.deliver()).toEqual([200]);
  return api.waitForMessage(chat.id, (message) => message.photo === undefined, SLOW_MS);
}

/** Presses a button through one instance and resolves with the notice the presser saw. */
async function press(api: FakeBotApi, to: Instance, message: FakeMessage, label: string, user: FakeUser) {
  const button = api.buttons(message).find((b) => b.text === label);
  if (!button?.callback_data) throw new Error(`no button ${label}`);
  const query = api.pressButton(message, button.callback_data, user);
  expect(await to.hook.deliver()).toEqual([200]);
  const answer = await api.waitForCall('answerCallbackQuery', (p) => p.callback_query_id === query.id);
  return answer.payload.text as string | undefined;
}

/** 100 rows of 32 inputs, in two messages. */
async function sendWideRows(api: FakeBotApi, to: Instance, chat: FakeChat, user: FakeUser) {
  for (const start of [0, 50]) {
    const rows = Array.from({ length: 50 }, (_, i) => {
      const n = start + i;
      const inputs = Array.from({ length: 32 }, (_, j) => ((n * 7 + j * 3) % 5 < 2 ? 1 : 0));
      return `${inputs.join(' ')} -> ${(n * 13) % 3 === 0 ? 1 : 0}`;
    });
    const added = await say(api, to, chat, user, rows.join('\n'));
    expect(added.text).toMatch(/^✅ Added 50 rows/);
  }
}

const isResult = (text: string) => text.includes('Weights') || text.startsWith('✅');

/** Every text the progress message was turned into that reads as a result. */
function resultEdits(api: FakeBotApi, progress: FakeMessage): string[] {
  return api.calls
    .filter(
      (call) =>
        call.method === 'editMessageText' &&
        Number(call.payload.chat_id) === progress.chat.id &&
        Number(call.payload.message_id) === progress.message_id &&
        isResult(String(call.payload.text)),
    )
    .map((call) => String(call.payload.text));
}

/** Results sent as new messages instead (when the progress message could not be edited). */
const resultMessages = (api: FakeBotApi, chat: FakeChat) =>
  api.calls.filter(
    (call) =>
      call.method === 'sendMessage' &&
      Number(call.payload.chat_id) === chat.id &&
      isResult(String(call.payload.text)) &&
      !String(call.payload.text).startsWith('✅ Added'),
  );

const photos = (api: FakeBotApi, chat: FakeChat) =>
  api.calls.filter((call) => call.method === 'sendPhoto' && Number(call.payload.chat_id) === chat.id);

async function resultOf(api: FakeBotApi, progress: FakeMessage): Promise<string> {
  const current = () => api.messages(progress.chat.id).find((m) => m.message_id === progress.message_id);
  const ends = Date.now() + SLOW_MS;
  while (!isResult(current()?.text ?? '')) {
    if (Date.now() > ends) throw new Error(`no result; the message reads ${current()?.text}`);
    await sleep(50);
  }
  return current()?.text ?? '';
}

describe('trainings in worker processes (REDIS_URL)', () => {
  it("a training runs in a separate worker: numpy's lesson weights, the picture, and train more", async () => {
    const { api, startInstance, worker, user, chat } = await startCluster();
    const instance = await startInstance();
    const trainer = await worker();
    expect((await say(api, instance, chat, user, '/example lesson')).text).toContain('4');
    const progress = await say(api, instance, chat, user, '/train');
    expect(progress.text).toContain('0%');
    const result = await resultOf(api, progress);
    expect(result).toContain(LESSON_WEIGHTS);
    expect(result).toContain('1│ 0 0 1 → 0  0.00680 ✓');
    await api.waitForCall('sendPhoto', (p) => Number(p.chat_id) === chat.id, SLOW_MS);
    expect(jobsStarted(trainer)).toHaveLength(2);
    const more = api.messages(chat.id).find((m) => m.message_id === progress.message_id) as FakeMessage;
    const again = api.buttons(more).find((b) => b.text.includes('Train more'));
    expect(again).toBeDefined();
    const next = api.waitForMessage(chat.id, (m) => m.photo === undefined, SLOW_MS);
    api.pressButton(more, again?.callback_data ?? '', user);
    await instance.hook.deliver();
    const secondProgress = await next;
    expect(await resultOf(api, secondProgress)).toContain('(40,000 in all)');
    await api.waitForCall('sendPhoto', (p) => Number(p.chat_id) === chat.id, SLOW_MS);
    expect(jobsStarted(trainer)).toHaveLength(4);
  });

  it('Stop pressed on another instance stops the training', async () => {
    const { api, startInstance, worker, user, chat } = await startCluster();
    const [a, b] = [await startInstance(), await startInstance()];
    const trainer = await worker();
    await sendWideRows(api, a, chat, user);
    const progress = await say(api, a, chat, user, `/train ${LONG_EPOCHS}`);
    // Pressed as soon as the worker runs it: the training lasts about a second on a quiet machine.
    await firstJobStarted(trainer);
    expect(await press(api, b, progress, '⏹ Stop', user)).toBe('Stopping…');
    const result = await resultOf(api, progress);
    expect(result).toMatch(/^⏹ Stopped after [\d,]+ of 312,500 epochs/);
    await sleep(2500);
    expect(resultEdits(api, progress)).toHaveLength(1);
    expect(resultMessages(api, chat)).toHaveLength(0);
  });

  it('a worker killed mid-training: the job runs again on another worker, and one result comes', async () => {
    const { api, startInstance, worker, user, chat } = await startCluster();
    const [a, b] = [await startInstance(), await startInstance()];
    const workers = [await worker(), await worker()];
    await sendWideRows(api, a, chat, user);
    const progress = await say(api, a, chat, user, '/train 100000');
    const ends = Date.now() + SLOW_MS;
    let running: BotProcess | undefined;
    while (!running) {
      running = workers.find((w) => jobsStarted(w).length > 0);
      if (Date.now() > ends) throw new Error('no worker took the training');
      await sleep(20);
    }
    running.child.kill('SIGKILL');
    await running.exited;
    const other = workers.find((w) => w !== running);
    const result = await resultOf(api, progress);
    expect(result).toMatch(/^✅ Trained 100,000 epochs/);
    expect(other && jobsStarted(other)).toContain(jobsStarted(running)[0]);
    await sleep(3000);
    expect(resultEdits(api, progress)).toHaveLength(1);
    expect(resultMessages(api, chat)).toHaveLength(0);
    expect(photos(api, chat)).toHaveLength(1);
    expect(b.process.child.exitCode).toBeNull();
  });

  it('the instance that queued a training killed mid-training: another instance delivers one result', async () => {
    const { api, startInstance, worker, user, chat } = await startCluster();
    const [a, b] = [await startInstance(), await startInstance()];
    await worker();
    await sendWideRows(api, a, chat, user);
    const progress = await say(api, a, chat, user, '/train 100000');
    await sleep(300);
    a.process.child.kill('SIGKILL');
    await a.process.exited;
    const result = await resultOf(api, progress);
    expect(result).toMatch(/^✅ Trained 100,000 epochs/);
    await api.waitForCall('sendPhoto', (p) => Number(p.chat_id) === chat.id, SLOW_MS);
    await sleep(3000);
    expect(resultEdits(api, progress)).toHaveLength(1);
    expect(resultMessages(api, chat)).toHaveLength(0);
    expect(photos(api, chat)).toHaveLength(1);
    // The member's perceptron took the weights: the next training on B continues from them.
    const next = await say(api, b, chat, user, '/train 1');
    expect(await resultOf(api, next)).toContain('(100,001 in all)');
  });

  it('the instance that runs a /compare killed before its table: another instance says it was cut off, once', async () => {
    const { api, startInstance, worker, user, chat } = await startCluster();
    const [a, b] = [await startInstance(), await startInstance()];
    const trainer = await worker();
    await sendWideRows(api, a, chat, user);
    const comparing = await say(api, a, chat, user, `/compare ${COMPARE_EPOCHS}`);
    expect(comparing.text).toMatch(/^🏁 Comparing the methods/);
    // Killed once the worker runs the first method: the three take about a second on a quiet machine.
    await firstJobStarted(trainer);
    a.process.child.kill('SIGKILL');
    await a.process.exited;
    const cutOff = new RegExp(`^⚠️ This comparison was cut off .*/compare ${COMPARE_EPOCHS}`, 's');
    const current = () => api.messages(chat.id).find((m) => m.message_id === comparing.message_id);
    const ends = Date.now() + SLOW_MS;
    while (!cutOff.test(current()?.text ?? '')) {
      if (Date.now() > ends) throw new Error(`no notice; the message reads ${current()?.text}`);
      await sleep(50);
    }
    expect(api.buttons(current() ?? comparing)).toEqual([]);
    await sleep(3000);
    const notices = api.calls.filter(
      (call) =>
        call.method === 'editMessageText' &&
        Number(call.payload.message_id) === comparing.message_id &&
        cutOff.test(String(call.payload.text)),
    );
    expect(notices).toHaveLength(1);
    expect(current()?.text).toMatch(cutOff);
    // Run again on the live instance, the comparison ends in its table.
    const again = await say(api, b, chat, user, `/compare ${COMPARE_EPOCHS}`);
    const table = () => api.messages(chat.id).find((m) => m.message_id === again.message_id)?.text ?? '';
    const tableEnds = Date.now() + SLOW_MS;
    while (!table().includes('Methods compared')) {
      if (Date.now() > tableEnds) throw new Error(`no table; the message reads ${table()}`);
      await sleep(50);
    }
  });

  it('with two instances listening, exactly one result message per training', async () => {
    const { api, startInstance, worker, user, chat } = await startCluster();
    const [a, b] = [await startInstance(), await startInstance()];
    await worker();
    await say(api, a, chat, user, '/example lesson');
    const progresses: FakeMessage[] = [];
    for (const to of [a, b, a, b]) {
      const progress = await say(api, to, chat, user, '/train');
      await resultOf(api, progress);
      await api.waitForCall('sendPhoto', (p) => Number(p.chat_id) === chat.id, SLOW_MS);
      progresses.push(progress);
    }
    await sleep(3000);
    expect(progresses.map((p) => resultEdits(api, p).length)).toEqual([1, 1, 1, 1]);
    expect(resultMessages(api, chat)).toHaveLength(0);
    expect(photos(api, chat)).toHaveLength(4);
  });

  it('without Redis, the bot and the worker stop at start with one sentence', async () => {
    const api = await startFake();
    const cwd = await makeTempDir();
    const env = {
      BOT_TOKEN: api.token,
      REDIS_URL: 'redis://:hunter2@127.0.0.1:1',
      STARTUP_RETRY_SECONDS: '1',
    };
    const sentence =
      'Could not reach Redis at redis://127.0.0.1:1 (ECONNREFUSED): start Redis, or fix REDIS_URL in .env.';
    const bot = spawnBot(botEnv(api, join(cwd, 'data'), env), cwd);
    expect(await bot.exited).toEqual({ code: 1, signal: null });
    expect(bot.stderr().trim()).toBe(sentence);
    const worker = startWorker(env, cwd);
    await expect(worker).rejects.toThrow(`the worker exited ({"code":1,"signal":null}): ${sentence}`);
  });
});
