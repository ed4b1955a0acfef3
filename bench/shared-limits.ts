// What a turn costs when the outgoing limits live in Redis: the same calls through the local limiter and
// through the shared budget, one after another (the added time of one call) and from two limiters at
// once (calls a second), with pacing out of the way.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import { createOutgoingLimiter, type OutgoingLimiter } from '../src/telegram/rate-limit.js';
import { connectLimitsRedis, createRedisBudget, whenReady } from '../src/telegram/shared-budget.js';
import { formatMs, formatTable, percentile } from './latency-stats.js';

const SEQUENTIAL = 2000;
const CONCURRENT = 4000;
const SERVER = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
/** Pacing far above what the calls reach, so that only the cost of taking a turn is measured. */
const UNPACED = { globalPerSecond: 1_000_000, privateIntervalMs: 0.001, privateBurst: 1000 };

const send = async () => true;

async function timeEach(limiter: OutgoingLimiter, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await limiter.schedule('sendMessage', { chat_id: 1 + (i % 500) }, send);
    times.push(performance.now() - start);
  }
  return times;
}

async function callsPerSecond(limiters: OutgoingLimiter[], count: number): Promise<number> {
  const start = performance.now();
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      limiters[i % limiters.length]?.schedule('sendMessage', { chat_id: 1 + (i % 500) }, send),
    ),
  );
  return count / ((performance.now() - start) / 1000);
}

export async function runSharedLimitsBenchmark(): Promise<void> {
  const prefix = `perceptron-bench:${randomBytes(6).toString('hex')}:`;
  const clients: Redis[] = [connectLimitsRedis(SERVER), connectLimitsRedis(SERVER)];
  try {
    for (const client of clients)
      if (!(await whenReady(client, 5000))) throw new Error(`Redis does not answer at ${SERVER}`);
    const shared = clients.map((redis) =>
      createOutgoingLimiter({
        ...UNPACED,
        shared: createRedisBudget({ redis, prefix, botPerSecond: UNPACED.globalPerSecond }),
      }),
    );
    const local = [createOutgoingLimiter(UNPACED), createOutgoingLimiter(UNPACED)];
    const rows: string[][] = [];
    for (const [name, limiters] of [
      ['local buckets', local],
      ['Redis (shared)', shared],
    ] as const) {
      await timeEach(limiters[0] as OutgoingLimiter, 200);
      const times = await timeEach(limiters[0] as OutgoingLimiter, SEQUENTIAL);
      const rate = await callsPerSecond([...limiters], CONCURRENT);
      rows.push([
        name,
        formatMs(percentile(times, 50)),
        formatMs(percentile(times, 99)),
        Math.round(rate).toLocaleString('en'),
      ]);
    }
    console.log(
      `\nShared limits: one turn, ${SEQUENTIAL} calls one after another; ${CONCURRENT} calls from two limiters at once\n`,
    );
    console.log(formatTable(['limits', 'p50 per call', 'p99 per call', 'calls/s, two limiters'], rows));
    console.log('Telegram allows 30 calls a second per bot: the budget is far from the bottleneck.');
  } finally {
    const [first] = clients;
    if (first) {
      const keys = await first.keys(`${prefix}*`);
      if (keys.length > 0) await first.del(...keys);
    }
    for (const client of clients) client.disconnect();
  }
}
