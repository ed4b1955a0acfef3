import { Telegram, type TelegramError } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeBotApi, startFakeBotApi } from '../../src/dev/fake-bot-api.js';

let api: FakeBotApi;
afterEach(() => api.close());

async function connect(): Promise<Telegram> {
  api = await startFakeBotApi();
  return new Telegram(api.token, { apiRoot: api.apiRoot });
}

const codeOf = (call: Promise<unknown>) =>
  call.then(
    () => 200,
    (error: TelegramError) => error.response.error_code,
  );

describe('the fake Bot API’s webhook', () => {
  it('keeps what setWebhook was given and tells it in getWebhookInfo', async () => {
    const telegram = await connect();
    expect(api.webhook()).toBeUndefined();
    await telegram.setWebhook('https://bot.example.org/tg/x', {
      secret_token: 'abc_DEF-1',
      allowed_updates: ['message', 'callback_query'],
      max_connections: 12,
    });
    expect(api.webhook()).toEqual({
      url: 'https://bot.example.org/tg/x',
      secret_token: 'abc_DEF-1',
      allowed_updates: ['message', 'callback_query'],
      max_connections: 12,
    });
    expect(await telegram.getWebhookInfo()).toMatchObject({
      url: 'https://bot.example.org/tg/x',
      max_connections: 12,
      allowed_updates: ['message', 'callback_query'],
    });
  });

  it('refuses a secret_token or max_connections Telegram would refuse, keeping no webhook', async () => {
    const telegram = await connect();
    const url = 'https://bot.example.org/tg/x';
    expect(await codeOf(telegram.setWebhook(url, { secret_token: 'with space' }))).toBe(400);
    expect(await codeOf(telegram.setWebhook(url, { secret_token: 'x'.repeat(257) }))).toBe(400);
    expect(await codeOf(telegram.setWebhook(url, { max_connections: 101 }))).toBe(400);
    expect(await codeOf(telegram.setWebhook('not a url'))).toBe(400);
    expect(api.webhook()).toBeUndefined();
  });

  it('answers getUpdates 409 while a webhook is set, and polls again once it is deleted', async () => {
    const telegram = await connect();
    await telegram.setWebhook('https://bot.example.org/tg/x');
    expect(await codeOf(telegram.getUpdates(0, 100, 0, undefined))).toBe(409);
    await telegram.deleteWebhook();
    expect(api.webhook()).toBeUndefined();
    expect(await codeOf(telegram.getUpdates(0, 100, 0, undefined))).toBe(200);
  });

  it('hands the updates users made to a test that delivers them itself, each once', async () => {
    await connect();
    const ann = api.user(42);
    api.sendText(api.privateChat(ann), ann, 'one');
    api.sendText(api.privateChat(ann), ann, 'two');
    const taken = api.takeUpdates();
    expect(taken.map((update) => (update.message as { text: string }).text)).toEqual(['one', 'two']);
    expect(taken.map((update) => update.update_id)).toEqual([1, 2]);
    expect(api.takeUpdates()).toEqual([]);
  });
});
