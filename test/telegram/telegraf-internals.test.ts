import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { Telegraf, Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import { describe, expect, it } from 'vitest';
import { startFakeBotApi } from '../../src/dev/fake-bot-api.js';
import { createOutgoingLimiter } from '../../src/telegram/rate-limit.js';
import {
  asMultipartJson,
  createLimiterMiddleware,
  installRateLimiter,
} from '../../src/telegram/telegraf-patches.js';
import { isTransientFailure, readApiFailure } from '../../src/telegram/telegram-errors.js';

// What src/telegram/telegraf-patches.ts says the bot relies on in telegraf; a new telegraf must pass these.

const readJson = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const textUpdate = (text: string): Update =>
  ({
    update_id: 1,
    message: {
      message_id: 1,
      date: 0,
      chat: { id: 42, type: 'private', first_name: 'A' },
      from: { id: 42, is_bot: false, first_name: 'A' },
      text,
    },
  }) as Update;

describe('telegraf, as the bot uses it', () => {
  it('is pinned in package.json to exactly the version installed', () => {
    const pinned = readJson('../../package.json').dependencies.telegraf;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(readJson('../../node_modules/telegraf/package.json').version).toBe(pinned);
  });

  it('sends every Bot API method through the Telegram object’s callApi', async () => {
    const telegram = new Telegram('1:x');
    const methods: string[] = [];
    telegram.callApi = (async (method: string) => {
      methods.push(method);
      return true;
    }) as never;
    await telegram.getMe();
    await telegram.deleteWebhook();
    await telegram.sendMessage(42, 'hi');
    await telegram.editMessageText(42, 1, undefined, 'hi again');
    await telegram.answerCbQuery('q');
    await telegram.getUpdates(50, 100, 0, []);
    expect(methods).toEqual([
      'getMe',
      'deleteWebhook',
      'sendMessage',
      'editMessageText',
      'answerCallbackQuery',
      'getUpdates',
    ]);
    expect(typeof Telegram.prototype.callApi).toBe('function');
  });

  it('gives each update a Telegram of its own, which the limiter middleware routes through the limiter', async () => {
    const api = await startFakeBotApi();
    const bot = new Telegraf(api.token, { telegram: { apiRoot: api.apiRoot } });
    bot.botInfo = {
      ...api.bot,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    } as never;
    const limiter = createOutgoingLimiter({ privateIntervalMs: 0 });
    installRateLimiter(bot.telegram, limiter);
    bot.use(createLimiterMiddleware(limiter));
    let own = false;
    bot.use(async (ctx) => {
      own = ctx.telegram !== bot.telegram;
      await ctx.reply('through the limiter');
    });
    api.privateChat(api.user(42));
    await bot.handleUpdate(textUpdate('hello'));
    expect(own).toBe(true);
    expect(limiter.stats().calls).toBe(1);
    expect(api.calls.map((c) => c.method)).toEqual(['sendMessage']);
    await api.close();
  });

  it('resolves handleUpdate once the middleware is done, hands errors to bot.catch and calls no getMe with botInfo set', async () => {
    const bot = new Telegraf('1:x', { handlerTimeout: Number.POSITIVE_INFINITY });
    bot.botInfo = { id: 1, is_bot: true, first_name: 'B', username: 'b' } as never;
    const seen: string[] = [];
    bot.telegram.callApi = (async (method: string) => seen.push(method)) as never;
    bot.use(async (ctx) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen.push(`handled ${ctx.text}`);
      if (ctx.text === 'fail') throw new Error('boom');
    });
    bot.catch((error) => void seen.push(`caught ${(error as Error).message}`));
    await bot.handleUpdate(textUpdate('ok'));
    await bot.handleUpdate(textUpdate('fail'));
    expect(seen).toEqual(['handled ok', 'handled fail', 'caught boom']);
  });

  it('drops an object reply_parameters of a multipart call, and sends the JSON text asMultipartJson makes', async () => {
    const api = await startFakeBotApi();
    const telegram = new Telegram(api.token, { apiRoot: api.apiRoot });
    const chat = api.privateChat(api.user(42));
    const quoted = await telegram.sendMessage(chat.id, 'rows');
    const quote = { message_id: quoted.message_id, allow_sending_without_reply: true };
    const file = () => ({ source: Buffer.from('x,y\n'), filename: 'rows.csv' });
    const asObject = await telegram.sendDocument(chat.id, file(), { reply_parameters: quote });
    const asText = await telegram.sendDocument(chat.id, file(), { reply_parameters: asMultipartJson(quote) });
    expect(asObject.reply_to_message).toBeUndefined();
    expect(asText.reply_to_message?.message_id).toBe(quoted.message_id);
    await api.close();
  });

  it('reports a 5xx as an error with the answer in `response`, and no connection as a FetchError', async () => {
    const api = await startFakeBotApi();
    api.failWith('getMe', undefined, { error_code: 502, times: 1 });
    const failed = await new Telegram(api.token, { apiRoot: api.apiRoot }).getMe().catch((e: unknown) => e);
    expect(readApiFailure(failed).code).toBe(502);
    expect(isTransientFailure(failed)).toBe(true);
    await api.close();

    const apiRoot = `http://127.0.0.1:${await closedPort()}`;
    const unreachable = await new Telegram('1:x', { apiRoot }).getMe().catch((e: unknown) => e);
    expect(unreachable).toMatchObject({ name: 'FetchError', code: 'ECONNREFUSED' });
    expect(isTransientFailure(unreachable)).toBe(true);
  });

  it('ends a held getUpdates when its signal is aborted', async () => {
    const api = await startFakeBotApi();
    const telegram = new Telegram(api.token, { apiRoot: api.apiRoot });
    const abort = new AbortController();
    const held = telegram.callApi('getUpdates', { timeout: 50 }, { signal: abort.signal } as never);
    const settled = held.then(
      () => 'resolved',
      () => 'rejected',
    );
    setTimeout(() => abort.abort(), 50);
    expect(await settled).toBe('rejected');
    await api.close();
  });
});
