export type { CallLabel } from './call-deadline.js';
export { ApiTimeoutError, NotSentError } from './call-deadline.js';
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

/** The payload key that marks a call as the bot's own, which answers queued after it may overtake. */
export const BACKGROUND: unique symbol = Symbol('background');

/**
 * Marks a telegraf `extra` (or a raw payload) as sent on the bot's own account, not in answer to what a
 * member just sent (a training's result and picture): in a chat whose budget is used up, up to three
 * answers queued after it go out before it.
 */
export function markBackground<T extends object>(extra: T): T {
  return { ...extra, [BACKGROUND]: true };
}

/**
 * Marks a telegraf `extra` (or a raw payload) as droppable, for progress edits:
 * `ctx.telegram.editMessageText(chatId, id, undefined, text, markDroppable({ reply_markup }))`.
 * When the chat is busy, or Telegram answers 429, the call is not sent and resolves with a
 * DroppedCall (see isDropped) instead of the Message.
 */
export function markDroppable<T extends object>(extra: T): T {
  return { ...extra, [DROPPABLE]: true };
}
