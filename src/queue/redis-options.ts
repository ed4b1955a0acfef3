import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';

type ConnectionSettings = Extract<ConnectionOptions, { host?: string; maxRetriesPerRequest?: number | null }>;

/**
 * Connection options from a redis:// (or rediss://) URL, as BullMQ wants them: commands wait for a
 * reconnection instead of failing after a few retries (BullMQ requires maxRetriesPerRequest null).
 */
export function redisOptions(url: string): ConnectionSettings {
  const parsed = new URL(url);
  const db = Number(parsed.pathname.slice(1) || '0');
  return {
    host: parsed.hostname || '127.0.0.1',
    port: Number(parsed.port || 6379),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(Number.isInteger(db) && db > 0 ? { db } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

/** A connection of its own (commands, or a subscriber, which can do nothing else). */
export function openRedis(url: string): Redis {
  return new Redis(redisOptions(url));
}

/** The URL without its password, for messages and logs. */
export function describeRedisUrl(url: string): string {
  if (!URL.canParse(url)) return 'an unreadable URL';
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}

/**
 * Resolves once Redis answers a PING; after `withinMs` without an answer, rejects with one sentence that
 * names the URL (without its password) and the last connection error.
 */
export async function reachRedis(redis: Redis, url: string, withinMs: number): Promise<void> {
  let lastError: (Error & { code?: string }) | undefined;
  const noteError = (error: Error) => {
    lastError = error;
  };
  redis.on('error', noteError);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => {
          const why = lastError?.code ?? lastError?.message ?? 'no answer';
          reject(
            new Error(
              `Could not reach Redis at ${describeRedisUrl(url)} (${why}): start Redis, or fix REDIS_URL in .env.`,
            ),
          );
        }, withinMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    redis.off('error', noteError);
  }
}
