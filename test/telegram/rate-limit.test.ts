import { Telegraf, Telegram, TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { startFakeBotApi } from '../../src/dev/fake-bot-api.js';
import {
  createOutgoingLimiter,
  isDropped,
  type LimiterClock,
  markBackground,
  markDroppable,
} from '../../src/telegram/rate-limit.js';
import { createLimiterMiddleware, installRateLimiter } from '../../src/telegram/telegraf-patches.js';

/** Virtual time: sleeps wait until run() moves the clock to their wake-up time, earliest first. */
function createManualClock() {
  let time = 0;
  const timers: Array<{ at: number; wake: () => void }> = [];
  const clock: LimiterClock = {
    now: () => time,
    sleep: (ms) => new Promise<void>((wake) => timers.push({ at: time + ms, wake })),
  };
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  async function run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (await flush(); !settled; await flush()) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift();
      if (!next) throw new Error('the work waits for something other than the clock');
      time = next.at;
      next.wake();
    }
    return work;
  }
  const set = (ms: number): void => {
    time = ms;
  };
  return { clock, run, set };
}

/** A stand-in for the HTTP call that records when it was sent and answers with the next scripted outcome. */
function createSender(clock: LimiterClock, outcomes: Error[] = []) {
  const sent: Array<{ label: string; at: number }> = [];
  const send = (label: string) => async () => {
    sent.push({ label, at: clock.now() });
    const outcome = outcomes.shift();
    if (outcome) throw outcome;
    return { label };
  };
  return { sent, send };
}

const tooManyRequests = (seconds: number) =>
  new TelegramError({
    error_code: 429,
    description: `Too Many Requests: retry after ${seconds}`,
    parameters: { retry_after: seconds },
  });
const blocked = () =>
  new TelegramError({ error_code: 403, description: 'Forbidden: bot was blocked by the user' });
const notModified = () =>
  new TelegramError({
    error_code: 400,
    description: 'Bad Request: message is not modified: specified new...',
  });

describe('the outgoing limiter', () => {
  it('sends a burst of three to a quiet private chat at once, then one per interval, in order', async () => {
    const { clock, run } = createManualClock();
    const limiter = createOutgoingLimiter({ clock, privateIntervalMs: 1000 });
    const { sent, send } = createSender(clock);
    const calls = ['a', 'b', 'c', 'd', 'e'].map((label) =>
      limiter.schedule('sendMessage', { chat_id: 7 }, send(label)),
    );
    await run(Promise.all(calls));
    expect(sent).toEqual([
      { label: 'a', at: 0 },
      { label: 'b', at: 0 },
      { label: 'c', at: 0 },
      { label: 'd', at: 1000 },
      { label: 'e', at: 2000 },
    ]);
  });

  it('sends answers queued in a chat before the background calls waiting there, each kind in order', async () => {
    const { clock, run } = createManualClock();
    const limiter = createOutgoingLimiter({ clock, privateIntervalMs: 1000 });
    const { sent, send } = createSender(clock);
    const call = (label: string, background = false) =>
      limiter.schedule('sendMessage', { chat_id: 7 }, send(label), { background });
    // A background call that finds the chat's budget free goes at once, like any other.
    const first = call('result', true);
    const calls = [call('a'), call('b'), call('picture', true), call('more', true), call('c'), call('d')];
    await run(Promise.all([first, ...calls]));
    expect(sent).toEqual([
      { label: 'result', at: 0 },
      { label: 'a', at: 0 },
      { label: 'b', at: 0 },
      { label: 'c', at: 1000 },
      { label: 'd', at: 2000 },
      { label: 'picture', at: 3000 },
      { label: 'more', at: 4000 },
    ]);
  });

  it('lets at most three answers go before a background call, which then keeps its place', async () => {
    const { clock, run } = createManualClock();
    const limiter = createOutgoingLimiter({ clock, privateIntervalMs: 1000, privateBurst: 1 });
    const { sent, send } = createSender(clock);
    const call = (label: string, background = false) =>
      limiter.schedule('sendMessage', { chat_id: 7 }, send(label), { background });
    const calls = [call('first'), call('picture', true), ...['a', 'b', 'c', 'd', 'e'].map((l) => call(l))];
    await run(Promise.all(calls));
    expect(sent.map((s) => s.label)).toEqual(['first', 'a', 'b', 'c', 'picture', 'd', 'e']);
  });

  it('refills a private chat one call per interval, up to the burst of three', async () => {
    const { clock, run, set } = createManualClock();
    const limiter = createOutgoingLimiter({ clock, privateIntervalMs: 1000 });
    const { sent, send } = createSender(clock);
    await run(
      Promise.all([1, 2, 3].map((n) => limiter.schedule('sendMessage', { chat_id: 7 }, send(`${n}`)))),
    );
    set(10_000);
    await run(
      Promise.all([4, 5, 6, 7].map((n) => limiter.schedule('sendMessage', { chat_id: 7 }, send(`${n}`)))),
    );
    expect(sent.map((s) => s.at)).toEqual([0, 0, 0, 10_000, 10_000, 10_000, 11_000]);
  });

  it('does not space different chats against each other', async () => {
    const { clock, run } = createManualClock();
    const limiter = createOutgoingLimiter({ clock });
    const { sent, send } = createSender(clock);
    await run(
      Promise.all([1, 2, 3].map((id) => limiter.schedule('sendMessage', { chat_id: id }, send(`${id}`)))),
    );
    expect(sent.map((s) => s.at)).toEqual([0, 0, 0]);
  });

  it('gives a group its twenty calls a minute at once, and never more than twenty in a minute', async () => {
    const { clock, run } = createManualClock();
    const limiter = createOutgoingLimiter({ clock, privateIntervalMs: 1000, groupIntervalMs: 3000 });
    const { sent, send } = createSender(clock);
    const calls = Array.from({ length: 22 }, (_, i) =>
      limiter.schedule('editMessageText', { chat_id: -5 }, send(`${i}`)),
    );
    await run(Promise.all(calls));
    expect(sent.map((s) => s.at)).toEqual([...Array.from({ length: 20 }, () => 0), 60_000, 60_000]);
    expect(sent.map((s) => s.label)).toEqual(Array.from({ length: 22 }, (_, i) => `${i}`));
  });

  it('keeps all chats together under the global rate', async () => {
    const { clock, run } = createManualClock();
    const limiter = createOutgoingLimiter({ clock, globalPerSecond: 2 });
    const { sent, send } = createSender(clock);
    await run(
      Promise.all([1, 2, 3, 4].map((id) => limiter.schedule('sendMessage', { chat_id: id }, send(`${id}`)))),
    );
    expect(sent.map((s) => s.at)).toEqual([0, 0, 500, 1000]);
  });

  it('does not limit answers to button presses, getUpdates or setMyCommands', async () => {
    const { clock } = createManualClock();
    const limiter = createOutgoingLimiter({ clock });
    const { sent, send } = createSender(clock);
    // It never answers: the call deadline rejects it later, which this test does not wait for.
    limiter.schedule('sendMessage', { chat_id: 7 }, () => new Promise(() => {})).catch(() => undefined);
    const free = ['answerCallbackQuery', 'getUpdates', 'setMyCommands', 'getMe', 'sendChatAction'];
    await Promise.all(free.map((method) => limiter.schedule(method, { chat_id: 7 }, send(method))));
    expect(sent.map((s) => s.label)).toEqual(free);
    expect(limiter.stats().calls).toBe(1);
  });

  it('drops a droppable edit while the chat is busy or low on tokens, and sends it when it can spare one', async () => {
    const { clock, set } = createManualClock();
    const limiter = createOutgoingLimiter({ clock, privateIntervalMs: 1000 });
    const { sent, send } = createSender(clock);
    const first = limiter.schedule('sendMessage', { chat_id: 7 }, send('message'));
    const whileBusy = await limiter.schedule('editMessageText', { chat_id: 7 }, send('busy'), {
      droppable: true,
    });
    await first;
    // One token of the three is left: it stays for a reply.
    await limiter.schedule('sendMessage', { chat_id: 7 }, send('message'));
    set(999);
    const tooSoon = await limiter.schedule('editMessageText', { chat_id: 7 }, send('soon'), {
      droppable: true,
    });
    set(1000);
    const onTime = await limiter.schedule('editMessageText', { chat_id: 7 }, send('free'), {
      droppable: true,
    });
    expect([whileBusy, tooSoon]).toEqual([
      { dropped: true, reason: 'busy' },
      { dropped: true, reason: 'busy' },
    ]);
    expect(onTime).toEqual({ label: 'free' });
    expect(sent.map((s) => s.label)).toEqual(['message', 'message', 'free']);
    expect(limiter.stats()).toMatchObject({ calls: 3, dropped: 2 });
  });

  it('retries a call after retry_after on 429, and the whole chat waits meanwhile', async () => {
    const { clock, run } = createManualClock();
    const limiter = createOutgoingLimiter({ clock, privateIntervalMs: 1000 });
    const { sent, send } = createSender(clock, [tooManyRequests(5), tooManyRequests(5)]);
    const first = limiter.schedule('sendMessage', { chat_id: 7 }, send('first'));
    const second = limiter.schedule('sendMessage', { chat_id: 7 }, send('second'));
    expect(await run(Promise.all([first, second]))).toEqual([{ label: 'first' }, { label: 'second' }]);
    expect(sent).toEqual([
      { label: 'first', at: 0 },
      { label: 'first', at: 5000 },
      { label: 'first', at: 10_000 },
      { label: 'second', at: 11_000 },
    ]);
    expect(limiter.stats()).toMatchObject({ calls: 4, retried: 2, dropped: 0 });
  });

  it('caps a huge retry_after and gives up after the allowed retries with the 429 error', async () => {
    const { clock, run } = createManualClock();
    const limiter = createOutgoingLimiter({ clock, maxRetryAfterMs: 30_000, maxRetries: 2 });
    const error = tooManyRequests(70_000);
    const { sent, send } = createSender(clock, [error, error, error]);
    await expect(run(limiter.schedule('sendMessage', { chat_id: 7 }, send('a')))).rejects.toBe(error);
    expect(sent.map((s) => s.at)).toEqual([0, 30_000, 60_000]);
    expect(limiter.stats()).toMatchObject({ calls: 3, retried: 2 });
  });

  it('drops a droppable call that gets 429 instead of retrying it, and still pauses the chat', async () => {
    const { clock, run } = createManualClock();
    const limiter = createOutgoingLimiter({ clock, privateIntervalMs: 1000 });
    const { sent, send } = createSender(clock, [tooManyRequests(4)]);
    const edit = await limiter.schedule('editMessageText', { chat_id: 7 }, send('edit'), { droppable: true });
    await run(limiter.schedule('sendMessage', { chat_id: 7 }, send('next')));
    expect(edit).toEqual({ dropped: true, reason: 'too-many-requests' });
    expect(isDropped(edit)).toBe(true);
    expect(sent).toEqual([
      { label: 'edit', at: 0 },
      { label: 'next', at: 4000 },
    ]);
  });

  it('passes 403 through unchanged, without retrying', async () => {
    const { clock } = createManualClock();
    const limiter = createOutgoingLimiter({ clock });
    const error = blocked();
    const { sent, send } = createSender(clock, [error]);
    await expect(limiter.schedule('sendMessage', { chat_id: 7 }, send('a'))).rejects.toBe(error);
    expect(sent).toHaveLength(1);
    expect(limiter.stats()).toMatchObject({ calls: 1, retried: 0 });
  });

  it("resolves an edit answered 'message is not modified', but not a send", async () => {
    const { clock } = createManualClock();
    const limiter = createOutgoingLimiter({ clock, privateIntervalMs: 0 });
    const { send } = createSender(clock, [notModified(), notModified()]);
    expect(await limiter.schedule('editMessageText', { chat_id: 7 }, send('edit'))).toBe(true);
    await expect(limiter.schedule('sendMessage', { chat_id: 7 }, send('send'))).rejects.toThrow(
      /not modified/,
    );
    expect(limiter.stats().notModified).toBe(1);
  });
});

describe('the limiter installed on telegraf', () => {
  it('wraps a Telegram object once, however often it is installed', async () => {
    const api = await startFakeBotApi();
    const telegram = new Telegram(api.token, { apiRoot: api.apiRoot });
    const limiter = createOutgoingLimiter({ privateIntervalMs: 1 });
    installRateLimiter(telegram, limiter);
    const wrapped = telegram.callApi;
    installRateLimiter(telegram, limiter);
    await telegram.sendMessage(api.privateChat(api.user(42)).id, 'once');
    expect(telegram.callApi).toBe(wrapped);
    expect(limiter.stats().calls).toBe(1);
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
    await api.close();
  });

  it('does not send a droppable edit while the chat waits, and rejects 403 from the Bot API once', async () => {
    const api = await startFakeBotApi();
    const telegram = new Telegram(api.token, { apiRoot: api.apiRoot });
    const limiter = createOutgoingLimiter({ privateIntervalMs: 60_000 });
    installRateLimiter(telegram, limiter);
    const chat = api.privateChat(api.user(42));
    await telegram.sendMessage(chat.id, 'hello');
    const sent = await telegram.sendMessage(chat.id, 'progress 0%');
    const edit = await telegram.editMessageText(
      chat.id,
      sent.message_id,
      undefined,
      'progress 50%',
      markDroppable({}),
    );
    expect(isDropped(edit)).toBe(true);
    expect(api.messages(42).map((m) => m.text)).toEqual(['hello', 'progress 0%']);
    const other = api.privateChat(api.user(43));
    api.failWith('sendMessage', undefined, { error_code: 403 });
    await expect(telegram.sendMessage(other.id, 'hi')).rejects.toMatchObject({ code: 403 });
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(3);
    await api.close();
  });

  it('lets a reply go before the background messages queued in its chat', async () => {
    const intervalMs = 20;
    const api = await startFakeBotApi();
    const bot = new Telegraf(api.token, { telegram: { apiRoot: api.apiRoot } });
    const limiter = createOutgoingLimiter({ privateIntervalMs: intervalMs, privateBurst: 1 });
    installRateLimiter(bot.telegram, limiter);
    bot.use(createLimiterMiddleware(limiter));
    bot.command('busy', async (ctx) => {
      const later = ['result', 'picture'].map((text) => ctx.reply(text, markBackground({})));
      await Promise.all([...later, ctx.reply('answer')]);
    });
    const launched = bot.launch();
    const ann = api.user(42);
    api.sendText(api.privateChat(ann), ann, '/busy');
    await api.waitForMessage(42, (m) => m.text === 'picture');
    bot.stop('test over');
    await launched;
    await api.close();
    // The first goes at once with the chat's one token; the answer then overtakes the one still queued.
    expect(api.messages(42).map((m) => m.text)).toEqual(['result', 'answer', 'picture']);
  });

  it('delivers a burst of ten replies to one chat in order, spaced after the first three', async () => {
    const intervalMs = 20;
    const api = await startFakeBotApi();
    const bot = new Telegraf(api.token, { telegram: { apiRoot: api.apiRoot } });
    const limiter = createOutgoingLimiter({ privateIntervalMs: intervalMs });
    installRateLimiter(bot.telegram, limiter);
    bot.use(createLimiterMiddleware(limiter));
    const texts = Array.from({ length: 10 }, (_, i) => `reply ${i + 1}`);
    bot.command('burst', async (ctx) => void (await Promise.all(texts.map((text) => ctx.reply(text)))));
    const launched = bot.launch();
    const ann = api.user(42);
    const askedAt = Date.now();
    api.sendText(api.privateChat(ann), ann, '/burst');
    await api.waitForMessage(42, (m) => m.text === 'reply 10');
    bot.stop('test over');
    await launched;
    await api.close();

    const sends = api.calls.filter((c) => c.method === 'sendMessage');
    expect(sends.map((c) => c.payload.text)).toEqual(texts);
    expect(api.messages(42).map((m) => m.text)).toEqual(texts);
    // The chat's budget starts full when the first reply is scheduled, after the command was sent.
    expect((sends.at(-1)?.at ?? 0) - askedAt).toBeGreaterThanOrEqual(7 * intervalMs);
    expect(limiter.stats()).toMatchObject({ calls: 10, retried: 0, dropped: 0 });
  });
});
