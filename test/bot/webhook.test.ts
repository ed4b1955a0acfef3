import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import type { FakeChat, FakeMessage, FakeUser } from '../../src/dev/fake-bot-api.js';
import { useRestartingBots } from '../helpers/restarting-bots.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { createWebhookDelivery, type WebhookDelivery, webhookEnv } from '../helpers/webhook-delivery.js';

const env = { ...webhookEnv(), WEBHOOK_MAX_CONNECTIONS: '7' };
let bot: TestBot;
let hook: WebhookDelivery;
beforeAll(async () => {
  bot = await startTestBot({ env });
  hook = createWebhookDelivery(bot.api, bot.app.webhookPort() ?? 0, env);
});
afterAll(() => bot.stop());

let messageIds = 700_000;
/** A text update built by hand, so that the very same update can be delivered again. */
function textUpdate(chat: FakeChat, from: FakeUser, text: string, updateId: number) {
  messageIds += 1;
  const message = { message_id: messageIds, date: Math.floor(Date.now() / 1000), chat, from, text };
  return { update_id: updateId, message };
}

/** The rows the member's perceptron holds, as the bot stored them. */
async function storedRows(target: TestBot, chat: FakeChat, user: FakeUser): Promise<string[]> {
  const doc = await target.app.deps.perceptrons.read(perceptronKey(chat.id, user.id));
  return doc?.rows.map((row) => `${row.inputs.join(' ')} -> ${row.output}`) ?? [];
}

/** Updates journaled and not finished. */
const inboxFiles = (target: TestBot) =>
  readdirSync(join(target.dataDir, 'inbox')).filter((name) => /^u\d+\.json$/.test(name));

const handled = () => bot.app.deps.background.idle();
const isAdded = (m: FakeMessage) => m.text?.startsWith('✅ Added') ?? false;

describe('webhook mode', () => {
  it('sets the webhook with its secret, the updates it handles and max_connections, and never polls', async () => {
    expect(bot.api.webhook()).toEqual({
      url: env.WEBHOOK_URL,
      secret_token: env.WEBHOOK_SECRET,
      allowed_updates: ['message', 'callback_query'],
      max_connections: 7,
    });
    const methods = bot.api.calls.map((call) => call.method);
    expect(methods).not.toContain('getUpdates');
    expect(methods).not.toContain('deleteWebhook');
    expect(bot.app.bot.telegram.webhookReply).toBe(false);
  });

  it('answers an update 200 on the webhook’s path, and the member gets the reply', async () => {
    const { user, chat, t } = bot.member('en');
    bot.api.sendText(chat, user, '/start');
    expect(await hook.deliver()).toEqual([200]);
    expect((await bot.next(chat)).text).toBe(t('start.text'));
  });

  it('answers a button press with a call of its own, not inside the webhook’s answer', async () => {
    const { user, chat, t } = bot.member('en');
    bot.api.sendText(chat, user, '0 0 1 -> 0');
    await hook.deliver();
    await bot.next(chat);
    bot.api.sendText(chat, user, '/clear');
    await hook.deliver();
    const question = await bot.next(chat);
    const yes = bot.api.buttons(question)[0]?.callback_data ?? '';
    const press = bot.api.pressButton(question, yes, user);
    expect(await hook.deliver()).toEqual([200]);
    await bot.api.waitForCall('answerCallbackQuery', (payload) => payload.callback_query_id === press.id);
    expect((await bot.next(chat)).text).toBe(t('data.cleared'));
    expect(await storedRows(bot, chat, user)).toEqual([]);
  });
});

describe('a request that is not Telegram’s update', () => {
  /** A valid update that adds a row: had it been taken, the row would be stored and answered. */
  const attempt = () => {
    const { user, chat } = bot.member('en');
    return { user, chat, update: textUpdate(chat, user, '0 0 1 -> 0', 50_000 + messageIds) };
  };
  const expectNothingApplied = async (user: FakeUser, chat: FakeChat) => {
    await handled();
    expect(bot.api.messages(chat.id)).toEqual([]);
    expect(await storedRows(bot, chat, user)).toEqual([]);
    expect(inboxFiles(bot)).toEqual([]);
  };

  it.each([
    ['a wrong secret', 'not-the-secret'],
    ['a secret that differs in its last character', `${env.WEBHOOK_SECRET.slice(0, -1)}X`],
    ['no secret', null],
  ])('is refused 401 with %s', async (_name, secret) => {
    const { user, chat, update } = attempt();
    expect((await hook.post(update, { secret })).status).toBe(401);
    await expectNothingApplied(user, chat);
  });

  it('is refused 405 for a GET or a PUT on the path, and 404 on any other path', async () => {
    const { user, chat, update } = attempt();
    expect((await hook.get(new URL(hook.url).pathname)).status).toBe(405);
    expect((await hook.post(update, { method: 'PUT' })).status).toBe(405);
    expect((await hook.post(update, { path: '/tg/other' })).status).toBe(404);
    expect((await hook.post(update, { path: '/' })).status).toBe(404);
    await expectNothingApplied(user, chat);
  });

  it('is refused 413 when its body is over 1 MB, even a well-formed update', async () => {
    const { user, chat, update } = attempt();
    const padded = {
      ...update,
      message: { ...update.message, text: `0 0 1 -> 0${' '.repeat(1024 * 1024)}` },
    };
    expect((await hook.post(padded)).status).toBe(413);
    await expectNothingApplied(user, chat);
  });

  it('is refused 400 for malformed JSON, JSON that is no update, or an update_id that is not one', async () => {
    const { user, chat, update } = attempt();
    const json = JSON.stringify(update);
    expect((await hook.post(json.slice(0, -1))).status).toBe(400);
    expect((await hook.post('')).status).toBe(400);
    expect((await hook.post([update])).status).toBe(400);
    expect((await hook.post({ ...update, update_id: -1 })).status).toBe(400);
    expect((await hook.post({ ...update, update_id: '12' })).status).toBe(400);
    await expectNothingApplied(user, chat);
  });
});

describe('an update delivered again', () => {
  it('is answered 200 each time and applied once, one delivery after the other', async () => {
    const { user, chat, t } = bot.member('en');
    const update = textUpdate(chat, user, '0 0 1 -> 0\n1 1 1 -> 1', 60_001);
    expect((await hook.post(update)).status).toBe(200);
    expect((await bot.next(chat)).text).toBe(t('rows.added', { count: 2, total: 2 }));
    expect((await hook.post(update)).status).toBe(200);
    await handled();
    expect(bot.api.messages(chat.id)).toHaveLength(1);
    expect(await storedRows(bot, chat, user)).toEqual(['0 0 1 -> 0', '1 1 1 -> 1']);
  });

  it('is answered 200 each time and applied once, both deliveries at the same time', async () => {
    const { user, chat } = bot.member('en');
    const update = textUpdate(chat, user, '1 0 1 -> 1', 60_002);
    const answers = await Promise.all([hook.post(update), hook.post(update), hook.post(update)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    await handled();
    expect(bot.api.messages(chat.id).filter(isAdded)).toHaveLength(1);
    expect(await storedRows(bot, chat, user)).toEqual(['1 0 1 -> 1']);
  });
});

describe('GET /healthz', () => {
  it('answers 200 with what it checked while the store and the update queue answer', async () => {
    const answer = await hook.get('/healthz');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ ok: true, checks: { store: 'ok', queue: 'ok' } });
    expect((await hook.post({}, { path: '/healthz' })).status).toBe(405);
  });

  it('answers 503 naming the store while the store fails to read', async () => {
    const { perceptrons } = bot.app.deps;
    bot.app.deps.perceptrons = { ...perceptrons, read: () => Promise.reject(new Error('the disk is gone')) };
    try {
      const answer = await hook.get('/healthz');
      expect(answer.status).toBe(503);
      expect(JSON.parse(answer.body)).toEqual({ ok: false, checks: { store: 'failing', queue: 'ok' } });
    } finally {
      bot.app.deps.perceptrons = perceptrons;
    }
    expect((await hook.get('/healthz')).status).toBe(200);
  });

  it('answers 503 naming the queue while updates cannot be written to disk, and an update then is answered 500', async () => {
    const { user, chat, t } = bot.member('en');
    const inbox = join(bot.dataDir, 'inbox');
    // A file where the folder was: every write there fails, even as root.
    rmSync(inbox, { recursive: true, force: true });
    writeFileSync(inbox, 'not a folder');
    const update = textUpdate(chat, user, '0 1 1 -> 1', 60_003);
    try {
      const answer = await hook.get('/healthz');
      expect(answer.status).toBe(503);
      expect(JSON.parse(answer.body)).toEqual({ ok: false, checks: { store: 'ok', queue: 'failing' } });
      expect((await hook.post(update)).status).toBe(500);
      expect((await bot.next(chat)).text).toBe(t('inbox.notSaved'));
    } finally {
      rmSync(inbox, { force: true });
      mkdirSync(inbox, { mode: 0o700 });
    }
    expect((await hook.get('/healthz')).status).toBe(200);
    // Telegram sends it again until it gets a 2xx.
    expect((await hook.post(update)).status).toBe(200);
    expect((await bot.next(chat)).text).toBe(t('rows.added', { count: 1, total: 1 }));
    expect(await storedRows(bot, chat, user)).toEqual(['0 1 1 -> 1']);
  });
});

describe('a restart between two deliveries of an update', () => {
  const { folder, start, stop } = useRestartingBots();

  it('applies it once: the member’s perceptron remembers the updates it took', async () => {
    const dataDir = folder();
    const first = await start(dataDir, { env });
    const user = first.api.user(5151, { language_code: 'en' });
    const chat = first.api.privateChat(user);
    const update = textUpdate(chat, user, '0 0 1 -> 0', 70_001);
    const firstHook = createWebhookDelivery(first.api, first.app.webhookPort() ?? 0, env);
    expect((await firstHook.post(update)).status).toBe(200);
    await first.api.waitForMessage(chat.id, isAdded);
    await stop(first);

    const second = await start(dataDir, { env });
    second.api.privateChat(user);
    const secondHook = createWebhookDelivery(second.api, second.app.webhookPort() ?? 0, env);
    expect((await secondHook.post(update)).status).toBe(200);
    await second.app.deps.background.idle();
    expect(await storedRows(second, chat, user)).toEqual(['0 0 1 -> 0']);
  });
});

describe('without WEBHOOK_URL', () => {
  it('polls as before: deletes any webhook, sets none and serves no HTTP', async () => {
    const polling = await startTestBot();
    try {
      const { user, chat, t } = polling.member('en');
      expect((await polling.say(user, chat, '/start')).text).toBe(t('start.text'));
      const methods = polling.api.calls.map((call) => call.method);
      expect(methods).toContain('deleteWebhook');
      expect(methods).toContain('getUpdates');
      expect(methods).not.toContain('setWebhook');
      expect(polling.app.webhookPort()).toBeUndefined();
    } finally {
      await polling.stop();
    }
  });
});
