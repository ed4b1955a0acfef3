import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The server the tests keep their keys on: TEST_REDIS_URL, or the local one. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const START_REDIS = 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no';

/** A key prefix of the test's own (BullMQ's `prefix`, QUEUE_PREFIX), whose keys drop() removes. */
export interface TestRedis {
  url: string;
  prefix: string;
  /** A connection for the test's own looks at the keys; closed by drop(). */
  redis: Redis;
  /** Keys under the prefix, sorted. */
  keys(): Promise<string[]>;
  drop(): Promise<void>;
}

/**
 * Makes a fresh prefix on the test server. Without a server there, it throws an Error of one sentence
 * saying how to start one.
 */
export async function createTestRedis(): Promise<TestRedis> {
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  let failure: Error | undefined;
  redis.on('error', (error: Error) => {
    failure = error;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    const why = (failure as (Error & { code?: string }) | undefined)?.code ?? (error as Error).message;
    throw new Error(
      `Redis does not answer at TEST_REDIS_URL (${TEST_REDIS_URL}: ${why}): start it with \`${START_REDIS}\`, or set TEST_REDIS_URL to a server where the tests may keep keys.`,
    );
  }
  const prefix = `perceptron-test-${randomBytes(6).toString('hex')}`;
  const keys = async () => {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      found.push(...batch);
    } while (cursor !== '0');
    return found.sort();
  };
  return {
    url: TEST_REDIS_URL,
    prefix,
    redis,
    keys,
    async drop() {
      const all = await keys();
      for (let i = 0; i < all.length; i += 500) await redis.del(...all.slice(i, i + 500));
      redis.disconnect();
    },
  };
}
