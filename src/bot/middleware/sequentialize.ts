import type { MiddlewareFn } from 'telegraf';
import type { BotContext } from '../bot-context.js';

/**
 * Telegraf handles a polled batch of updates concurrently; this runs one member's updates one at a
 * time, in arrival order, so a reply always reflects the updates before it. Other members run in parallel.
 */
export function sequentialize(keyOf: (ctx: BotContext) => string | undefined): MiddlewareFn<BotContext> {
  const tails = new Map<string, Promise<void>>();
  return (ctx, next) => {
    const key = keyOf(ctx);
    if (key === undefined) return next();
    const previous = tails.get(key) ?? Promise.resolve();
    const current = previous.then(() => next());
    const tail = current.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return current;
  };
}
