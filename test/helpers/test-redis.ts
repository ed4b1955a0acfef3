import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The server the tests keep their keys on: TEST_REDIS_URL, or the local one. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const START_REDIS = 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no';

/** A key prefix of the test's own on the test server, whose keys drop() deletes. */
export interface TestRedis {
  url: string;
  /** `perceptron-test:<random>:`; every key the test makes starts with it. */
  prefix: string;
  /** A connection of the test's own (closed by drop()), for looking at the keys. */
  client: Redis;
  /** Keys under the prefix, sorted. */
  keys(): Promise<string[]>;
  /** Deletes every key under the prefix and closes the connection. */
  drop(): Promise<void>;
}

/**
 * Connects to the test server and picks a fresh prefix. Without a server there, it throws an Error of one
 * sentence saying how to start one.
 */
export async function createTestRedis(): Promise<TestRedis> {
  const client = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 5000,
  });
  // The connection's own error says why (ECONNREFUSED); connect() only says it closed.
  let cause: Error | undefined;
  client.on('error', (error: Error) => {
    cause ??= error;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw new Error(
      `Redis does not answer at TEST_REDIS_URL (${TEST_REDIS_URL}: ${(cause ?? (error as Error)).message}): start it with \`${START_REDIS}\`, or set TEST_REDIS_URL to a server where the tests may write keys.`,
    );
  }
  const prefix = `perceptron-test:${randomBytes(6).toString('hex')}:`;
  return {
    url: TEST_REDIS_URL,
    prefix,
    client,
    async keys() {
      const found: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        found.push(...batch);
        cursor = next;
      } while (cursor !== '0');
      return found.sort();
    },
    async drop() {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        if (keys.length > 0) await client.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      client.disconnect();
    },
  };
}
