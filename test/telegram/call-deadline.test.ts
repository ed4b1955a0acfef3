import { Telegram } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { startFakeBotApi } from '../../src/dev/fake-bot-api.js';
import {
  ApiTimeoutError,
  createOutgoingLimiter,
  isDropped,
  NotSentError,
} from '../../src/telegram/rate-limit.js';
import { installRateLimiter } from '../../src/telegram/telegraf-patches.js';

/** A Bot API call that never answers, and ignores its abort signal. */
const hang = (): Promise<never> => new Promise(() => {});
const answer = (label: string) => async () => ({ label });

describe('a time bound on every Bot API call', () => {
  it('fails a call the Bot API does not answer in time, and the chat moves on to its next call', async () => {
    const limiter = createOutgoingLimiter({ callTimeoutMs: 50, privateIntervalMs: 1 });
    const hung = limiter.schedule('sendMessage', { chat_id: 7 }, hang);
    const next = limiter.schedule('sendMessage', { chat_id: 7 }, answer('next'));
    await expect(hung).rejects.toBeInstanceOf(ApiTimeoutError);
    await expect(hung).rejects.toMatchObject({ name: 'FetchError', type: 'request-timeout' });
    expect(await next).toEqual({ label: 'next' });
    expect(limiter.stats()).toMatchObject({ calls: 2, timedOut: 1 });
  });

  it('bounds calls that are not paced too, and gives getUpdates its long-poll time on top', async () => {
    const limiter = createOutgoingLimiter({ callTimeoutMs: 30 });
    await expect(limiter.schedule('answerCallbackQuery', {}, hang)).rejects.toThrow(/within 30 ms/);
    await expect(limiter.schedule('getUpdates', { timeout: 0.2 }, hang)).rejects.toThrow(/within 230 ms/);
  });

  it("lets the caller's own abort through as an AbortError, which ends telegraf's polling", async () => {
    const limiter = createOutgoingLimiter({ callTimeoutMs: 60_000 });
    const controller = new AbortController();
    const poll = limiter.schedule('getUpdates', { timeout: 50 }, hang, { signal: controller.signal });
    controller.abort();
    await expect(poll).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('hands the signal to the transport, aborted when the bound is reached', async () => {
    const limiter = createOutgoingLimiter({ callTimeoutMs: 20 });
    let seen: AbortSignal | undefined;
    const call = limiter.schedule('getMe', {}, (signal) => {
      seen = signal;
      return hang();
    });
    await expect(call).rejects.toBeInstanceOf(ApiTimeoutError);
    expect(seen?.aborted).toBe(true);
  });

  it('makes a hung sendMessage of telegraf fail, and the next one to that chat arrive', async () => {
    const api = await startFakeBotApi();
    let hangs = 1;
    api.setResponder((call) => (call.method === 'sendMessage' && hangs-- > 0 ? hang() : undefined));
    const telegram = new Telegram(api.token, { apiRoot: api.apiRoot });
    installRateLimiter(telegram, createOutgoingLimiter({ callTimeoutMs: 100, privateIntervalMs: 1 }));
    const chat = api.privateChat(api.user(42));
    const first = telegram.sendMessage(chat.id, 'lost');
    const second = telegram.sendMessage(chat.id, 'arrives');
    await expect(first).rejects.toBeInstanceOf(ApiTimeoutError);
    await second;
    expect(api.messages(42).map((m) => m.text)).toEqual(['arrives']);
    await api.close();
  });
});

describe('the limiter at shutdown', () => {
  it('drops droppable calls at once, and still sends the others', async () => {
    const limiter = createOutgoingLimiter({ privateIntervalMs: 1 });
    limiter.dropDroppable();
    const edit = await limiter.schedule('editMessageText', { chat_id: 7 }, answer('edit'), {
      droppable: true,
    });
    expect(isDropped(edit)).toBe(true);
    expect(await limiter.schedule('sendMessage', { chat_id: 7 }, answer('reply'))).toEqual({
      label: 'reply',
    });
  });

  it('gives up on calls queued and in flight, refuses later ones, and lists them all', async () => {
    const limiter = createOutgoingLimiter({ privateIntervalMs: 60_000, groupIntervalMs: 60_000 });
    const inFlight = limiter.schedule('sendMessage', { chat_id: 7 }, hang);
    const queued = [1, 2].map(() => limiter.schedule('sendMessage', { chat_id: 7 }, answer('late')));
    const unpaced = limiter.schedule('answerCallbackQuery', { callback_query_id: '1' }, hang);
    const group = limiter.schedule('editMessageText', { chat_id: -5 }, hang);
    limiter.abandon();

    expect(limiter.notSent()).toEqual([
      { method: 'sendMessage', lane: 'chat:7' },
      { method: 'sendMessage', lane: 'chat:7' },
      { method: 'sendMessage', lane: 'chat:7' },
      { method: 'editMessageText', lane: 'chat:-5' },
      { method: 'answerCallbackQuery', lane: undefined },
    ]);
    for (const call of [inFlight, ...queued, unpaced, group])
      await expect(call).rejects.toBeInstanceOf(NotSentError);
    await expect(limiter.schedule('sendMessage', { chat_id: 8 }, answer('after'))).rejects.toBeInstanceOf(
      NotSentError,
    );
    const edit = await limiter.schedule('editMessageText', { chat_id: 8 }, answer('edit'), {
      droppable: true,
    });
    expect(isDropped(edit)).toBe(true);
    expect(limiter.notSent().slice(5)).toEqual([{ method: 'sendMessage', lane: 'chat:8' }]);
  });
});
