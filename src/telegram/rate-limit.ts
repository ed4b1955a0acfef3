import type { Context, MiddlewareFn, Telegram } from 'telegraf';
import type { OutgoingLimiter } from './limiter-types.js';

export type {
  DroppedCall,
  LimiterClock,
  LimiterEvent,
  LimiterStats,
  OutgoingLimiter,
  OutgoingLimiterOptions,
} from './limiter-types.js';
export { isDropped } from './limiter-types.js';
export { createOutgoingLimiter } from './outgoing-limiter.js';

/** The payload key that marks a call droppable; a symbol, so it is never sent even without the limiter. */
export const DROPPABLE: unique symbol = Symbol('droppable');

const INSTALLED: unique symbol = Symbol('rate limiter installed');

type Payload = Record<string, unknown> & { [DROPPABLE]?: boolean };
type Limited = Telegram & { [INSTALLED]?: OutgoingLimiter };

/**
 * Marks a telegraf `extra` (or a raw payload) as droppable, for progress edits:
 * `ctx.telegram.editMessageText(chatId, id, undefined, text, markDroppable({ reply_markup }))`.
 * When the chat is busy, or Telegram answers 429, the call is not sent and resolves with a
 * DroppedCall (see isDropped) instead of the Message.
 */
export function markDroppable<T extends object>(extra: T): T {
  return { ...extra, [DROPPABLE]: true };
}

/**
 * Routes every Bot API call of this Telegram object through the limiter. Telegraf makes a new Telegram
 * for each update, so install it on bot.telegram and, with createLimiterMiddleware, on each ctx.telegram.
 * Installing again on the same object does nothing.
 */
export function installRateLimiter(telegram: Telegram, limiter: OutgoingLimiter): void {
  const target = telegram as Limited;
  if (target[INSTALLED]) return;
  const callApi = telegram.callApi.bind(telegram) as (m: string, p: object, o?: object) => Promise<unknown>;
  const limited = (method: string, payload: Payload, options?: object): Promise<unknown> => {
    const { [DROPPABLE]: droppable, ...clean } = payload;
    return limiter.schedule(method, clean, () => callApi(method, clean, options), {
      droppable: droppable === true,
    });
  };
  target.callApi = limited as unknown as Telegram['callApi'];
  target[INSTALLED] = limiter;
}

/** A first middleware that installs the limiter on the update's ctx.telegram. */
export function createLimiterMiddleware<C extends Context>(limiter: OutgoingLimiter): MiddlewareFn<C> {
  return (ctx, next) => {
    installRateLimiter(ctx.telegram, limiter);
    return next();
  };
}
