import type { Redis } from 'ioredis';
import { botKeys } from './queue-keys.js';

/**
 * One edit of a group's board per interval across every instance: the edit takes a key that lives for
 * the interval. Resolves 0 when taken, or the milliseconds until it can be.
 */
export function createBoardGate(redis: Redis, prefix: string) {
  const keys = botKeys(prefix);
  return async (chatId: number, intervalMs: number): Promise<number> => {
    const key = keys.board(chatId);
    const taken = await redis.set(key, '1', 'PX', Math.max(1, Math.round(intervalMs)), 'NX');
    if (taken === 'OK') return 0;
    return Math.max(1, await redis.pttl(key));
  };
}
