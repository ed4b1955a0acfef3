import { Telegraf, Telegram } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeBotApi, startFakeBotApi } from '../../src/dev/fake-bot-api.js';

const opened: FakeBotApi[] = [];

async function openApi(): Promise<{ api: FakeBotApi; telegram: Telegram; chatId: number }> {
  const api = await startFakeBotApi();
  opened.push(api);
  const telegram = new Telegram(api.token, { apiRoot: api.apiRoot });
  return { api, telegram, chatId: api.privateChat(api.user(42)).id };
}

afterEach(async () => {
  for (const api of opened.splice(0)) await api.close();
});

const html = { parse_mode: 'HTML' as const };

describe('the fake Bot API checks HTML texts like Telegram', () => {
  it('delivers a text Telegram would take, keeping the HTML as sent', async () => {
    const { api, telegram, chatId } = await openApi();
    const sent = await telegram.sendMessage(chatId, '✅ <b>w</b> = <code>a -&gt; b</code>', html);
    expect(sent.text).toBe('✅ <b>w</b> = <code>a -&gt; b</code>');
    expect(api.messages(chatId).map((m) => m.text)).toEqual([sent.text]);
  });

  it("answers 400 can't parse entities to an unsupported tag and stores nothing", async () => {
    const { api, telegram, chatId } = await openApi();
    await expect(telegram.sendMessage(chatId, 'line<br>next', html)).rejects.toMatchObject({
      code: 400,
      description: 'Bad Request: can\'t parse entities: Unsupported start tag "br" at byte offset 4',
    });
    expect(api.messages(chatId)).toEqual([]);
  });

  it('refuses an edit to badly nested tags and leaves the message as it was', async () => {
    const { api, telegram, chatId } = await openApi();
    const sent = await telegram.sendMessage(chatId, '<b>epoch 1</b>', html);
    const edit = telegram.editMessageText(chatId, sent.message_id, undefined, '<b><i>2</b></i>', html);
    await expect(edit).rejects.toMatchObject({
      description: expect.stringMatching(/^Bad Request: can't parse entities: Unmatched end tag/),
    });
    expect(api.messages(chatId)[0]?.text).toBe('<b>epoch 1</b>');
  });

  it('measures the visible text: long markup is fine, 4097 visible characters are not', async () => {
    const { telegram, chatId } = await openApi();
    const full = `<pre>${'&lt;'.repeat(4096)}</pre>`;
    expect((await telegram.sendMessage(chatId, full, html)).text).toBe(full);
    await expect(telegram.sendMessage(chatId, `<b>${'x'.repeat(4097)}</b>`, html)).rejects.toMatchObject({
      description: 'Bad Request: message is too long',
    });
  });

  it('refuses a lone surrogate and a text with nothing visible', async () => {
    const { telegram, chatId } = await openApi();
    await expect(telegram.sendMessage(chatId, 'bad \ud800', html)).rejects.toMatchObject({
      description: 'Bad Request: text must be encoded in UTF-8',
    });
    await expect(telegram.sendMessage(chatId, '<b> </b>', html)).rejects.toMatchObject({
      description: 'Bad Request: message text is empty',
    });
  });

  it('checks a document caption sent as multipart against 1024 characters', async () => {
    const { api, telegram, chatId } = await openApi();
    const document = { source: Buffer.from('x,y\n1,0\n'), filename: 'rows.csv' };
    const long = { ...html, caption: `<i>${'c'.repeat(1025)}</i>` };
    await expect(telegram.sendDocument(chatId, document, long)).rejects.toMatchObject({
      description: 'Bad Request: message caption is too long',
    });
    const sent = await telegram.sendDocument(chatId, document, { ...html, caption: '<i>rows</i>' });
    expect(api.messages(chatId).map((m) => m.caption)).toEqual(['<i>rows</i>']);
    await expect(
      telegram.editMessageCaption(chatId, sent.message_id, undefined, 'a & b', html),
    ).rejects.toMatchObject({ description: expect.stringMatching(/^Bad Request: can't parse entities: /) });
  });

  it('lets a Telegraf bot see the refusal of its own reply', async () => {
    const { api } = await openApi();
    const bot = new Telegraf(api.token, { telegram: { apiRoot: api.apiRoot } });
    const refusals: string[] = [];
    bot.command('start', async (ctx) => {
      await ctx.replyWithHTML('1 < 2').catch((error: { description: string }) => {
        refusals.push(error.description);
      });
      await ctx.replyWithHTML('1 &lt; 2');
    });
    const launched = bot.launch();
    const ann = api.user(7);
    api.sendText(api.privateChat(ann), ann, '/start');
    expect((await api.waitForMessage(7)).text).toBe('1 &lt; 2');
    bot.stop('test over');
    await launched;
    expect(refusals).toEqual([
      'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 2',
    ]);
  });
});
