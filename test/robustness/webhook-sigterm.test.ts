import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import { freePort } from '../../src/dev/free-port.js';
import { createWebhookDelivery, webhookEnv } from '../helpers/webhook-delivery.js';
import { botEnv, nextCall, spawnBot } from './kit/bot-process.js';
import { openPerceptrons } from './kit/stored-data.js';
import { makeTempDir, startFake } from './kit/temp.js';

const SHUTDOWN_SECONDS = 3;
/** What a process needs beyond its own budget to end once it has stopped (exit, pipes closed). */
const EXIT_SLACK_MS = 500;

/** dist/main.js in webhook mode on a free port, once it has set its webhook, and a member to write as. */
async function startWebhookBot() {
  const api = await startFake();
  const cwd = await makeTempDir();
  const dataDir = join(cwd, 'data');
  const hookEnv = { ...webhookEnv(), PORT: String(await freePort()) };
  const listening = nextCall(api, 'setWebhook');
  const env = botEnv(api, dataDir, { ...hookEnv, SHUTDOWN_SECONDS: String(SHUTDOWN_SECONDS) });
  const bot = spawnBot(env, cwd);
  await Promise.race([
    listening,
    bot.exited.then((exit) => {
      throw new Error(`the bot exited (${JSON.stringify(exit)}): ${bot.stderr()}${bot.stdout()}`);
    }),
  ]);
  const hook = createWebhookDelivery(api, Number(hookEnv.PORT), hookEnv);
  const user = api.user(401, { language_code: 'en' });
  return { api, bot, hook, dataDir, user, chat: api.privateChat(user) };
}

/** The inputs of each row the member's perceptron holds on disk; undefined when none is stored. */
async function storedInputs(dataDir: string, chatId: number, userId: number): Promise<string[] | undefined> {
  const key = perceptronKey(chatId, userId);
  const { docs } = await openPerceptrons(dataDir, [key]);
  return docs.get(key)?.rows.map((row) => row.inputs.join(' '));
}

const added = (total: number) => (m: { text?: string }) =>
  m.text?.startsWith(`✅ Added 1 row. Rows now: ${total}.`) ?? false;

describe('SIGTERM in webhook mode', () => {
  it('answers and handles the update in flight, takes no new one, and exits within SHUTDOWN_SECONDS', async () => {
    const { api, bot, hook, dataDir, user, chat } = await startWebhookBot();
    api.sendText(chat, user, '0 0 1 -> 0');
    expect(await hook.deliver()).toEqual([200]);
    await api.waitForMessage(chat.id, added(1));

    api.sendText(chat, user, '1 1 1 -> 1');
    const [inFlight] = api.takeUpdates();
    if (!inFlight) throw new Error('the fake made no update');
    const delivery = hook.begin(inFlight);
    await sleep(300);
    const terminatedAt = Date.now();
    bot.child.kill('SIGTERM');
    await sleep(300);
    api.sendText(chat, user, '1 0 1 -> 1');
    const late = await hook.deliver().catch(() => ['refused']);
    expect((await delivery.finish()).status).toBe(200);
    const exit = await bot.exited;
    const tookMs = Date.now() - terminatedAt;

    expect(late).not.toContain(200);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeLessThan(SHUTDOWN_SECONDS * 1000 + EXIT_SLACK_MS);
    expect(api.messages(chat.id).filter(added(2))).toHaveLength(1);
    expect(await storedInputs(dataDir, chat.id, user.id)).toEqual(['0 0 1', '1 1 1']);
  }, 60_000);

  it('exits within SHUTDOWN_SECONDS when a request’s body never ends, having taken nothing from it', async () => {
    const { api, bot, hook, dataDir, user, chat } = await startWebhookBot();
    api.sendText(chat, user, '0 0 1 -> 0');
    const [stuck] = api.takeUpdates();
    if (!stuck) throw new Error('the fake made no update');
    const delivery = hook.begin(stuck);
    await sleep(300);
    const terminatedAt = Date.now();
    bot.child.kill('SIGTERM');
    const exit = await bot.exited;
    const tookMs = Date.now() - terminatedAt;

    expect(exit).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeLessThan(SHUTDOWN_SECONDS * 1000 + EXIT_SLACK_MS);
    await expect(delivery.finish()).rejects.toThrow();
    expect(api.messages(chat.id)).toEqual([]);
    expect(await storedInputs(dataDir, chat.id, user.id)).toBeUndefined();
  }, 60_000);
});
