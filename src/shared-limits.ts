import type { Redis } from 'ioredis';
import { botIdOf } from './config/config.js';
import type { Logger } from './config/logger.js';
import {
  connectLimitsRedis,
  createRedisBudget,
  type SharedBudget,
  whenReady,
} from './telegram/shared-budget.js';

/** How long the start waits for Redis before sending with local limits (they move to Redis once it answers). */
const READY_WAIT_MS = 5000;

export interface SharedLimits {
  budget: SharedBudget;
  /**
   * Waits a little for the connection. Should Redis not answer by then, the first call says so in the log
   * and goes with this instance's own limits.
   */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The outgoing limits every instance and worker of the bot shares, in Redis at `url`, under
 * `<REDIS_PREFIX>:<bot id>:limits:` (one Redis can serve several bots).
 */
export function openSharedLimits(
  url: string,
  prefix: string,
  botToken: string,
  botPerSecond: number,
  logger: Logger,
): SharedLimits {
  const redis: Redis = connectLimitsRedis(url);
  // Reconnection is ioredis's; a failure shows in the limiter's own report of the shared limits.
  redis.on('error', (error) => logger.debug({ err: error }, 'the connection to Redis failed'));
  const botId = botIdOf(botToken) || 'bot';
  return {
    budget: createRedisBudget({ redis, prefix: `${prefix}:${botId}:limits:`, botPerSecond }),
    async ready() {
      await whenReady(redis, READY_WAIT_MS);
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
