import type { MiddlewareFn } from 'telegraf';
import type { BotContext } from '../bot-context.js';
import { answerPress } from '../reply.js';

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
  let lastSweep = now();
  // Users quiet for a minute are forgotten, once a minute, so the map holds only the recent ones.
  const sweep = (t: number) => {
    if (t - lastSweep < 60_000) return;
    lastSweep = t;
    for (const [id, entry] of windows) if (t - (entry.times.at(-1) ?? 0) >= 60_000) windows.delete(id);
  };
  return async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined) return next();
    const t = now();
    sweep(t);
    const entry = windows.get(userId) ?? { times: [], warned: false };
    entry.times = entry.times.filter((time) => t - time < 60_000);
    windows.set(userId, entry);
    if (entry.times.length >= options.perMinute) {
      await answerPress(ctx);
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
