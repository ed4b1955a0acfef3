import type { MiddlewareFn } from 'telegraf';
import { createKeyedQueue, type KeyedQueue } from '../../../storage/keyed-queue.js';
import type { BotContext } from '../bot-context.js';

/**
 * Telegraf handles updates concurrently; this runs one member's updates one at a time, in arrival order,
 * so a reply always reflects the updates before it. Other members run in parallel.
 */
export function sequentialize(
  keyOf: (ctx: BotContext) => string | undefined,
  queue: KeyedQueue = createKeyedQueue(),
): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    const key = keyOf(ctx);
    return key === undefined ? next() : queue.run(key, () => next());
  };
}
