// The outgoing limits shared in a real Redis by two limiters with connections of their own, as two
// instances of the bot (or an instance and a worker) have them.
import type { Redis } from 'ioredis';
import { TelegramError } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  createOutgoingLimiter,
  type LimiterEvent,
  type OutgoingLimiterOptions,
} from '../../src/telegram/rate-limit.js';
import { connectLimitsRedis, createRedisBudget, whenReady } from '../../src/telegram/shared-budget.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { createTestRedis, type TestRedis } from '../helpers/test-redis.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await createTestRedis();
});
afterAll(() => redis?.drop());

let places = 0;
/** A prefix no other test of the file uses: a bot of its own. */
const freshPrefix = () => `${redis.prefix}bot-${++places}:`;

async function connect(url = redis.url, commandTimeoutMs = 1000): Promise<Redis> {
  const client = connectLimitsRedis(url, commandTimeoutMs);
  client.on('error', () => undefined);
  onTestFinished(() => client.disconnect());
  expect(await whenReady(client, 5000)).toBe(true);
  return client;
}

/** A limiter as one process has it: its own Redis connection, the shared prefix, the given pacing. */
function limiterOn(client: Redis, prefix: string, options: OutgoingLimiterOptions = {}) {
  const events: LimiterEvent[] = [];
  const globalPerSecond = options.globalPerSecond ?? 30;
  const limiter = createOutgoingLimiter({
    ...options,
    shared: createRedisBudget({ redis: client, prefix, botPerSecond: globalPerSecond }),
    onEvent: (event) => events.push(event),
  });
  return { limiter, events };
}

/** Records when each call is sent, across limiters, in the order they are sent, from the log's creation. */
function createLog() {
  const startedAt = Date.now();
  const sent: { label: string; at: number }[] = [];
  const send = (label: string) => async () => {
    sent.push({ label, at: Date.now() });
    return label;
  };
  return { startedAt, sent, send, times: () => sent.map((call) => call.at) };
}

/** Redis's clock and the process's read the same system clock, each to the millisecond. */
const CLOCK_MS = 2;

/**
 * The calls sent before a budget allows, as `call j at t ms, not before u ms`. A call's send stamp comes
 * after its turn was taken, however late the event loop runs, and the budget starts full no earlier than
 * the log: so the j-th call sent can never be stamped before `earliest(j)` ms after the log began.
 */
function tooEarly(log: ReturnType<typeof createLog>, earliest: (j: number) => number): string[] {
  return log
    .times()
    .map((at, j) => ({ j, at: at - log.startedAt, allowed: earliest(j) }))
    .filter(({ at, allowed }) => at < allowed - CLOCK_MS)
    .map(({ j, at, allowed }) => `call ${j} at ${at} ms, not before ${allowed} ms`);
}

/** A bucket of `perSecond` with `burst` saved up: call j (from 0) waits for token j + 1. */
const bucketTimes = (perSecond: number, burst: number) => (j: number) =>
  (Math.max(0, j + 1 - burst) * 1000) / perSecond;

describe('outgoing limits shared through Redis', () => {
  it('hold the bot-wide calls a second across two limiters', async () => {
    const prefix = freshPrefix();
    const pacing = { globalPerSecond: 10, privateIntervalMs: 1, privateBurst: 100 };
    const a = limiterOn(await connect(), prefix, pacing);
    const b = limiterOn(await connect(), prefix, pacing);
    const log = createLog();
    const calls = [];
    for (let i = 0; i < 15; i += 1) {
      calls.push(a.limiter.schedule('sendMessage', { chat_id: 1000 + i }, log.send(`a${i}`)));
      calls.push(b.limiter.schedule('sendMessage', { chat_id: 2000 + i }, log.send(`b${i}`)));
    }
    await Promise.all(calls);

    const times = log.times();
    expect(times).toHaveLength(30);
    // Ten at once (the bucket's second), then one every 100 ms, whichever limiter sends it.
    expect(tooEarly(log, bucketTimes(10, 10))).toEqual([]);
    expect(new Set(log.sent.map((call) => call.label[0]))).toEqual(new Set(['a', 'b']));
    expect(a.events.filter((event) => event.type === 'local-pacing')).toEqual([]);
  });

  it("hold one chat's burst and pacing across two limiters", async () => {
    const prefix = freshPrefix();
    const pacing = { privateIntervalMs: 150, privateBurst: 3 };
    const a = limiterOn(await connect(), prefix, pacing);
    const b = limiterOn(await connect(), prefix, pacing);
    const log = createLog();
    const calls = [];
    for (let i = 0; i < 4; i += 1) {
      calls.push(a.limiter.schedule('sendMessage', { chat_id: 77 }, log.send(`a${i}`)));
      calls.push(b.limiter.schedule('sendMessage', { chat_id: 77 }, log.send(`b${i}`)));
    }
    await Promise.all(calls);

    const times = log.times();
    // Three at once, then one every 150 ms: 8 calls take 750 ms at least.
    expect(times).toHaveLength(8);
    expect(tooEarly(log, bucketTimes(1000 / 150, 3))).toEqual([]);
  });

  it("hold a group's calls a window across two limiters", async () => {
    const prefix = freshPrefix();
    // Four a 200 ms window, the shape of twenty a minute.
    const pacing = { groupIntervalMs: 50, groupBurst: 4 };
    const a = limiterOn(await connect(), prefix, pacing);
    const b = limiterOn(await connect(), prefix, pacing);
    const log = createLog();
    const calls = [];
    for (let i = 0; i < 5; i += 1) {
      calls.push(a.limiter.schedule('sendMessage', { chat_id: -500 }, log.send(`a${i}`)));
      calls.push(b.limiter.schedule('sendMessage', { chat_id: -500 }, log.send(`b${i}`)));
    }
    await Promise.all(calls);

    expect(log.times()).toHaveLength(10);
    // Never a fifth call within 200 ms of the one four calls before it: four, four more 200 ms later, ...
    expect(tooEarly(log, (j) => Math.floor(j / 4) * 200)).toEqual([]);
  });

  it("pause a chat everywhere for a 429's retry_after", async () => {
    const prefix = freshPrefix();
    const pacing = { privateIntervalMs: 1, privateBurst: 10 };
    const a = limiterOn(await connect(), prefix, pacing);
    const b = limiterOn(await connect(), prefix, pacing);
    const sent: { label: string; at: number }[] = [];
    let refusals = 1;
    const sendA = async () => {
      sent.push({ label: 'a', at: Date.now() });
      if (refusals-- > 0)
        throw new TelegramError({
          error_code: 429,
          description: 'Too Many Requests: retry after 1',
          parameters: { retry_after: 1 },
        });
      return 'a';
    };
    const fromA = a.limiter.schedule('sendMessage', { chat_id: 88 }, sendA);
    // B's call comes once A's 429 paused the chat in Redis.
    const pauseKey = `${prefix}pause:chat:88`;
    let ttl = -2;
    let askedAt = 0;
    for (let i = 0; i < 500 && ttl <= 0; i += 1) {
      // The pause ends no earlier than this moment plus its time to live.
      askedAt = Date.now();
      ttl = await redis.client.pttl(pauseKey);
      if (ttl <= 0) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(ttl).toBeGreaterThan(500);
    const fromB = b.limiter.schedule('sendMessage', { chat_id: 88 }, async () => {
      sent.push({ label: 'b', at: Date.now() });
      return 'b';
    });
    // Another chat is not held back: it goes while chat 88 waits.
    await b.limiter.schedule('sendMessage', { chat_id: 89 }, async () => {
      sent.push({ label: 'other chat', at: Date.now() });
    });

    expect(await Promise.all([fromA, fromB])).toEqual(['a', 'b']);
    expect(sent.map((call) => call.label).indexOf('other chat')).toBe(1);
    const refusedAt = sent[0]?.at ?? 0;
    const bAt = sent.find((call) => call.label === 'b')?.at ?? 0;
    expect(bAt - askedAt).toBeGreaterThanOrEqual(ttl - CLOCK_MS);
    expect(bAt - refusedAt).toBeGreaterThanOrEqual(1000 - CLOCK_MS);
    expect(a.events).toContainEqual(
      expect.objectContaining({ type: 'too-many-requests', lane: 'chat:88', waitMs: 1000 }),
    );
  });

  it("let answers go ahead of the bot's own sends in a chat whose shared budget is spent", async () => {
    const prefix = freshPrefix();
    const pacing = { privateIntervalMs: 150, privateBurst: 1 };
    const a = limiterOn(await connect(), prefix, pacing);
    const b = limiterOn(await connect(), prefix, pacing);
    const log = createLog();
    // B spends the chat's one token; A's first answer waits for the next, and the answers queued after
    // A's result go before it.
    await b.limiter.schedule('sendMessage', { chat_id: 66 }, log.send('b-reply'));
    const calls = [
      a.limiter.schedule('sendMessage', { chat_id: 66 }, log.send('answer-0')),
      a.limiter.schedule('sendPhoto', { chat_id: 66 }, log.send('result'), { background: true }),
      a.limiter.schedule('sendMessage', { chat_id: 66 }, log.send('answer-1')),
      a.limiter.schedule('sendMessage', { chat_id: 66 }, log.send('answer-2')),
    ];
    await Promise.all(calls);
    expect(log.sent.map((call) => call.label)).toEqual([
      'b-reply',
      'answer-0',
      'answer-1',
      'answer-2',
      'result',
    ]);
    expect(tooEarly(log, bucketTimes(1000 / 150, 1))).toEqual([]);
  });

  it('let a progress edit through only when the shared chat has tokens to spare', async () => {
    const prefix = freshPrefix();
    const pacing = { privateIntervalMs: 60_000, privateBurst: 3 };
    const a = limiterOn(await connect(), prefix, pacing);
    const b = limiterOn(await connect(), prefix, pacing);
    const edit = (limiter: typeof a.limiter) =>
      limiter.schedule('editMessageText', { chat_id: 99 }, async () => 'edited', { droppable: true });
    // B sent one message: two of three tokens left, one of which stays for replies.
    await b.limiter.schedule('sendMessage', { chat_id: 99 }, async () => 'sent');
    expect(await edit(a.limiter)).toBe('edited');
    // A's own lane has tokens; the shared one has one left, kept for a reply.
    expect(await edit(a.limiter)).toEqual({ dropped: true, reason: 'busy' });
    expect(await b.limiter.schedule('sendMessage', { chat_id: 99 }, async () => 'reply')).toBe('reply');
  });
});

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within 10 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('when Redis goes away', () => {
  it("sends on with this process's own limits, says so once, and shares again once Redis is back", async () => {
    const prefix = freshPrefix();
    const proxy = await startTcpProxy(new URL(redis.url));
    const client = await connect(proxy.url(), 300);
    const pacing = { privateIntervalMs: 200, privateBurst: 2 };
    const a = limiterOn(client, prefix, pacing);
    const laneKey = (chat: number) => `${prefix}lane:chat:${chat}`;

    expect(await a.limiter.schedule('sendMessage', { chat_id: 1 }, async () => 'shared')).toBe('shared');
    expect(await redis.client.exists(laneKey(1))).toBe(1);

    await proxy.cut();
    const log = createLog();
    const calls = [1, 2, 3].map((i) =>
      a.limiter.schedule('sendMessage', { chat_id: 2 }, log.send(`local${i}`)),
    );
    expect(await Promise.all(calls)).toEqual(['local1', 'local2', 'local3']);
    // The local bucket still paces: two at once, the third 200 ms after.
    expect(tooEarly(log, bucketTimes(5, 2))).toEqual([]);
    expect(await redis.client.exists(laneKey(2))).toBe(0);
    const changes = a.events.filter((event) => event.type === 'shared-budget');
    expect(changes).toEqual([expect.objectContaining({ type: 'shared-budget', available: false })]);
    expect(a.events.filter((event) => event.type === 'local-pacing').length).toBeGreaterThanOrEqual(3);

    await proxy.restart();
    await until(() => client.status === 'ready', 'the limiter reconnected');
    expect(await a.limiter.schedule('sendMessage', { chat_id: 3 }, async () => 'back')).toBe('back');
    expect(await redis.client.exists(laneKey(3))).toBe(1);
    expect(a.events.filter((event) => event.type === 'shared-budget')).toEqual([
      expect.objectContaining({ available: false }),
      { type: 'shared-budget', available: true },
    ]);
  });
});
