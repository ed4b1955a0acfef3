// `node dist/main.js` with REDIS_URL (through a TCP proxy the test cuts), INSTANCE_ID and METRICS_PORT.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { FakeBotApi, FakeChat, FakeUser } from '../../src/dev/fake-bot-api.js';
import { readSamples, sampleTotal } from '../helpers/prometheus-text.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { createTestRedis } from '../helpers/test-redis.js';
import { type BotProcess, startBot, stopBot } from './kit/bot-process.js';
import { makeTempDir, startFake } from './kit/temp.js';

/** The pino lines the bot wrote, parsed. */
const logLines = (bot: BotProcess): Record<string, unknown>[] =>
  bot
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));

async function until<T>(find: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`not within 15 s: ${what}`);
    await sleep(50);
  }
}

let rows = 0;
/** Sends a new row and resolves once the bot has answered it. */
async function addRow(api: FakeBotApi, chat: FakeChat, user: FakeUser): Promise<void> {
  rows += 1;
  const answered = api.waitForMessage(chat.id, (m) => m.text?.includes(`Rows now: ${rows}`) ?? false, 10_000);
  api.sendText(chat, user, `${rows % 2} ${rows} -> ${rows % 2}`);
  await answered;
}

describe('an instance with REDIS_URL, INSTANCE_ID and METRICS_PORT', () => {
  it('serves /metrics, paces in Redis, sends on alone while Redis is cut and shares again once back; every log line names it', async () => {
    const redis = await createTestRedis();
    onTestFinished(() => redis.drop());
    const proxy = await startTcpProxy(new URL(redis.url));
    const api = await startFake();
    const redisPrefix = `${redis.prefix}bot`;
    const bot = await startBot(api, await makeTempDir(), await makeTempDir(), {
      REDIS_URL: proxy.url(),
      REDIS_PREFIX: redisPrefix,
      INSTANCE_ID: 'instance-a',
      METRICS_PORT: '0',
      LOG_LEVEL: 'info',
    });
    const served = logLines(bot).find((line) => line.msg === 'GET /metrics is served');
    const scrape = async () => {
      const response = await fetch(`http://127.0.0.1:${served?.port}/metrics`);
      expect(response.status).toBe(200);
      return readSamples(await response.text());
    };
    const user = api.user(4100, { language_code: 'en' });
    const chat = api.privateChat(user);

    await addRow(api, chat, user);
    const botId = api.token.split(':')[0];
    // The queue's keys sit beside the limits' under the same prefix.
    const keys = (await redis.client.keys(`${redisPrefix}:*`)).filter((key) => key.includes(':limits:'));
    expect(keys.sort()).toEqual(
      [`${redisPrefix}:${botId}:limits:bot`, `${redisPrefix}:${botId}:limits:lane:chat:${chat.id}`].sort(),
    );
    const first = await scrape();
    const instance = { instance_id: 'instance-a' };
    expect(sampleTotal(first, 'perceptron_updates_received_total', { source: 'polling', ...instance })).toBe(
      1,
    );
    expect(sampleTotal(first, 'perceptron_updates_applied_total', instance)).toBe(1);
    expect(
      sampleTotal(first, 'perceptron_outgoing_calls_total', { method: 'sendMessage', result: 'ok' }),
    ).toBe(1);
    expect(sampleTotal(first, 'perceptron_store_seconds_count', { store: 'perceptrons' })).toBeGreaterThan(0);
    expect(sampleTotal(first, 'perceptron_shared_limits_fallbacks_total')).toBe(0);

    // Redis goes away: the reply still goes, paced by the instance alone, and the log says so once.
    await proxy.cut();
    await addRow(api, chat, user);
    await addRow(api, chat, user);
    const down = logLines(bot).filter((line) => String(line.msg).startsWith('Redis does not answer'));
    expect(down).toHaveLength(1);
    expect(down[0]?.level).toBe(40);
    expect(sampleTotal(await scrape(), 'perceptron_shared_limits_fallbacks_total')).toBeGreaterThanOrEqual(2);

    // Redis comes back: once the connection is up again, the next reply is paced in Redis.
    await proxy.restart();
    await redis.client.del(`${redisPrefix}:${botId}:limits:bot`);
    await until(async () => {
      await addRow(api, chat, user);
      return (await redis.client.exists(`${redisPrefix}:${botId}:limits:bot`)) === 1 ? true : undefined;
    }, 'a reply paced in Redis again');
    expect(logLines(bot).filter((line) => String(line.msg).startsWith('Redis answers again'))).toHaveLength(
      1,
    );

    const exit = await stopBot(bot);
    const lines = logLines(bot);
    expect(exit, JSON.stringify(lines.filter((line) => Number(line.level) >= 40).slice(-5))).toEqual({
      code: 0,
      signal: null,
    });
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.filter((line) => line.instance !== 'instance-a')).toEqual([]);
  });
});
