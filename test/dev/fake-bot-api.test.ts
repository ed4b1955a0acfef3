import { Markup, Telegraf, Telegram, type TelegramError } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeBotApi, startFakeBotApi } from '../../src/dev/fake-bot-api.js';

interface Running {
  api: FakeBotApi;
  bot: Telegraf;
  launched: Promise<void>;
}

const running: Running[] = [];

async function startBot(setup: (bot: Telegraf) => void): Promise<Running> {
  const api = await startFakeBotApi();
  const bot = new Telegraf(api.token, { telegram: { apiRoot: api.apiRoot } });
  setup(bot);
  const launched = bot.launch();
  const entry = { api, bot, launched };
  running.push(entry);
  return entry;
}

async function stopAll(): Promise<void> {
  for (const { api, bot, launched } of running.splice(0)) {
    bot.stop('test over');
    await launched;
    await api.close();
  }
}

afterEach(stopAll);

describe('a Telegraf bot on the fake Bot API', () => {
  it('gets its command and its reply reaches the fake', async () => {
    const { api } = await startBot((bot) =>
      bot.command('start', (ctx) => ctx.reply(`Hi ${ctx.from.first_name}`)),
    );
    const ann = api.user(42, { first_name: 'Ann', language_code: 'ru' });
    api.sendText(api.privateChat(ann), ann, '/start');
    const reply = await api.waitForMessage(42);
    expect(reply).toMatchObject({
      text: 'Hi Ann',
      chat: { id: 42, type: 'private' },
      from: { is_bot: true },
    });
    expect(api.messages(42).map((m) => m.text)).toEqual(['Hi Ann']);
  });

  it('knows the bot by the username getMe answers, also in /cmd@bot form in a group', async () => {
    const { api, bot } = await startBot((b) =>
      b.command('help', (ctx) => ctx.reply(`help for ${ctx.chat.type}`)),
    );
    const group = api.group(-100, 'Lesson', 'supergroup');
    const ann = api.user(42);
    api.sendText(group, ann, '/help@perceptron_test_bot');
    expect((await api.waitForMessage(-100)).text).toBe('help for supergroup');
    expect(bot.botInfo?.username).toBe('perceptron_test_bot');
  });

  it('delivers a button press for a message the bot sent, and the bot can answer and edit it', async () => {
    const { api } = await startBot((bot) => {
      bot.command('ask', (ctx) =>
        ctx.reply('Train now?', Markup.inlineKeyboard([Markup.button.callback('Yes', 'yes')])),
      );
      bot.action('yes', async (ctx) => {
        await ctx.answerCbQuery('ok');
        await ctx.editMessageText('Training...');
      });
    });
    const ann = api.user(42);
    api.sendText(api.privateChat(ann), ann, '/ask');
    const question = await api.waitForMessage(42);
    expect(api.buttons(question).map((b) => b.callback_data)).toEqual(['yes']);
    const press = api.pressButton(question, 'yes', ann);
    await api.waitForCall('answerCallbackQuery', (payload) => payload.callback_query_id === press.id);
    await api.waitForCall('editMessageText');
    const [edited] = api.messages(42);
    expect(edited).toMatchObject({ message_id: question.message_id, text: 'Training...' });
    expect(edited?.reply_markup).toBeUndefined();
  });

  it('refuses to press a button the message does not have', async () => {
    const { api } = await startBot((bot) => bot.command('ask', (ctx) => ctx.reply('plain')));
    const ann = api.user(42);
    api.sendText(api.privateChat(ann), ann, '/ask');
    const message = await api.waitForMessage(42);
    expect(() => api.pressButton(message, 'yes', ann)).toThrow(/has no button "yes"/);
  });

  it("answers 'message is not modified' to an edit that changes nothing, and 'not found' to an unknown id", async () => {
    const errors: string[] = [];
    const { api } = await startBot((bot) =>
      bot.command('twice', async (ctx) => {
        const sent = await ctx.reply('same');
        for (const id of [sent.message_id, 999]) {
          await ctx.telegram
            .editMessageText(ctx.chat.id, id, undefined, 'same')
            .catch((error: TelegramError) => {
              errors.push(`${error.code} ${error.description}`);
            });
        }
        await ctx.reply('done');
      }),
    );
    const ann = api.user(42);
    api.sendText(api.privateChat(ann), ann, '/twice');
    await api.waitForMessage(42, (m) => m.text === 'done');
    expect(errors[0]).toMatch(/^400 Bad Request: message is not modified: /);
    expect(errors[1]).toBe('400 Bad Request: message to edit not found');
  });

  it('links a reply to the message it answers, both ways', async () => {
    const { api } = await startBot((bot) =>
      bot.on('message', (ctx) => {
        const quoted =
          'reply_to_message' in ctx.message ? ctx.message.reply_to_message?.message_id : undefined;
        return ctx.reply(`quoted ${quoted}`, { reply_parameters: { message_id: ctx.message.message_id } });
      }),
    );
    const ann = api.user(42);
    const chat = api.privateChat(ann);
    const first = api.sendText(chat, ann, 'one');
    const answer = await api.waitForMessage(42);
    expect(answer.reply_to_message?.message_id).toBe(first.message_id);
    api.sendText(chat, ann, 'two', { reply_to_message: answer });
    expect((await api.waitForMessage(42)).text).toBe(`quoted ${answer.message_id}`);
  });

  it('tells a listener about every answered call, as a terminal chat needs', async () => {
    const { api, bot } = await startBot(() => {});
    await api.waitForIdle();
    const seen: string[] = [];
    const unsubscribe = api.onCall((call) => seen.push(`${call.method} ${call.answer?.ok}`));
    const chat = api.privateChat(api.user(42));
    await bot.telegram.sendMessage(chat.id, 'hello');
    await bot.telegram.editMessageText(chat.id, 999, undefined, 'nope').catch(() => undefined);
    unsubscribe();
    await bot.telegram.sendMessage(chat.id, 'unseen');
    expect(seen).toEqual(['sendMessage true', 'editMessageText false']);
  });

  it('records command lists per language and scope', async () => {
    const { api, bot } = await startBot(() => {});
    await bot.telegram.setMyCommands([{ command: 'train', description: 'Train' }]);
    await bot.telegram.setMyCommands([{ command: 'train', description: 'Обучить' }], { language_code: 'ru' });
    await bot.telegram.setMyCommands([{ command: 'stop', description: 'Stop' }], {
      scope: { type: 'all_group_chats' },
    });
    expect(api.commands()).toEqual([{ command: 'train', description: 'Train' }]);
    expect(api.commands({ language_code: 'ru' })).toEqual([{ command: 'train', description: 'Обучить' }]);
    expect(api.commands({ scope: { type: 'all_group_chats' } })).toEqual([
      { command: 'stop', description: 'Stop' },
    ]);
  });

  it('fails chosen calls with 429 and 403 the way Telegram words them', async () => {
    const { api, bot } = await startBot(() => {});
    const chat = api.privateChat(api.user(42));
    api.failWith('sendMessage', (payload) => payload.text === 'slow', {
      error_code: 429,
      retry_after: 7,
      times: 1,
    });
    const removeBlock = api.failWith('sendMessage', (payload) => payload.text === 'blocked', {
      error_code: 403,
    });
    const slow = await bot.telegram.sendMessage(chat.id, 'slow').catch((error: TelegramError) => error);
    expect(slow).toMatchObject({ code: 429, description: 'Too Many Requests: retry after 7' });
    expect((slow as TelegramError).parameters?.retry_after).toBe(7);
    expect((await bot.telegram.sendMessage(chat.id, 'slow')).text).toBe('slow');
    await expect(bot.telegram.sendMessage(chat.id, 'blocked')).rejects.toMatchObject({
      code: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    removeBlock();
    expect((await bot.telegram.sendMessage(chat.id, 'blocked')).text).toBe('blocked');
  });

  it('removes deleted messages from the chat', async () => {
    const { api, bot } = await startBot(() => {});
    const chat = api.privateChat(api.user(42));
    const sent = await bot.telegram.sendMessage(chat.id, 'gone soon');
    await bot.telegram.deleteMessage(chat.id, sent.message_id);
    expect(api.messages(42)).toEqual([]);
    await expect(bot.telegram.deleteMessage(chat.id, sent.message_id)).rejects.toMatchObject({ code: 400 });
  });

  it('waits until the bot has handled every update', async () => {
    const handled: string[] = [];
    const { api } = await startBot((bot) => bot.on('text', (ctx) => void handled.push(ctx.message.text)));
    const ann = api.user(42);
    const chat = api.privateChat(ann);
    for (const text of ['a', 'b', 'c']) api.sendText(chat, ann, text);
    await api.waitForIdle();
    expect(handled).toEqual(['a', 'b', 'c']);
  });

  it('names what it awaited and what the chat last got when a wait times out', async () => {
    const { api } = await startBot((bot) => bot.on('text', (ctx) => ctx.reply('only this')));
    const ann = api.user(42);
    api.sendText(api.privateChat(ann), ann, 'hi');
    await api.waitForMessage(42);
    await expect(api.waitForMessage(42, (m) => m.text === 'never', 50)).rejects.toThrow(
      /waiting for a bot message in chat 42 matching .*never.*the chat last got: message 2 "only this"/,
    );
  });

  it('stops cleanly: launch resolves and close leaves no server or socket open', async () => {
    const before = countSockets();
    const { api, bot, launched } = await startBot(() => {});
    await api.waitForIdle();
    bot.stop('done');
    await launched;
    await api.close();
    running.length = 0;
    await new Promise((resolve) => setImmediate(resolve));
    expect(countSockets()).toBe(before);
  });
});

describe('the fake Bot API over plain HTTP', () => {
  it('answers 404 to a wrong token', async () => {
    const api = await startFakeBotApi();
    const response = await fetch(`${api.apiRoot}/bot1:wrong/getMe`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
    await api.close();
  });

  it('holds getUpdates until an update arrives, and confirms updates with offset', async () => {
    const api = await startFakeBotApi();
    const telegram = new Telegram(api.token, { apiRoot: api.apiRoot });
    const ann = api.user(42);
    const held = telegram.callApi('getUpdates', { timeout: 30 });
    await api.waitForIdle();
    api.sendText(api.privateChat(ann), ann, 'first');
    const [first] = await held;
    api.sendText(api.privateChat(ann), ann, 'second');
    const again = await telegram.callApi('getUpdates', { limit: 1 });
    expect(again.map((u) => u.update_id)).toEqual([first?.update_id]);
    const next = await telegram.callApi('getUpdates', { offset: (first?.update_id ?? 0) + 1 });
    expect(next.map((u) => ('message' in u && 'text' in u.message ? u.message.text : ''))).toEqual([
      'second',
    ]);
    await api.close();
  });

  it('delivers the same update_id twice when a test sends it twice', async () => {
    const api = await startFakeBotApi();
    const telegram = new Telegram(api.token, { apiRoot: api.apiRoot });
    const update = { update_id: 500, message: { message_id: 1, date: 0, chat: { id: 42, type: 'private' } } };
    api.sendUpdate(update);
    expect((await telegram.callApi('getUpdates', {})).map((u) => u.update_id)).toEqual([500]);
    api.sendUpdate(update);
    expect((await telegram.callApi('getUpdates', { offset: 501 })).map((u) => u.update_id)).toEqual([500]);
    await api.close();
  });
});

function countSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name.startsWith('TCP')).length;
}
