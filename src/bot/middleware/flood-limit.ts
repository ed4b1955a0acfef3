import type { MiddlewareFn } from 'telegraf';
import type { BotContext } from '../bot-context.js';

/**
 * A per-user sliding window of one minute. The first message over the limit gets one polite reply;
 * later ones are ignored until the user's rate falls below the limit again.
 */
export function floodLimit(options: {
  perMinute: number;
  now?: () => number;
  onFirstExcess: (ctx: BotContext) => Promise<unknown>;
}): MiddlewareFn<BotContext> {
  const now = options.now ?? Date.now;
  const windows = new Map<number, { times: number[]; warned: boolean }>();
  return async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined) return next();
    const t = now();
    const entry = windows.get(userId) ?? { times: [], warned: false };
    entry.times = entry.times.filter((time) => t - time < 60_000);
    windows.set(userId, entry);
    if (entry.times.length >= options.perMinute) {
      if (!entry.warned) {
        entry.warned = true;
        await options.onFirstExcess(ctx);
      }
      return;
    }
    entry.times.push(t);
    entry.warned = false;
    return next();
  };
}
