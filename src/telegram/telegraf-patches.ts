import type { Context, MiddlewareFn, Telegram } from 'telegraf';
import type { CallerSignal } from './call-deadline.js';
import type { OutgoingLimiter } from './limiter-types.js';
import { BACKGROUND, DROPPABLE } from './rate-limit.js';

/*
 * Everything the bot changes in telegraf (pinned to an exact version in package.json), and the internals
 * it relies on; test/telegram/telegraf-internals.test.ts fails when one of them changes.
 *
 * - `Telegram.prototype.callApi(method, payload, { signal })` is the one method every Bot API call goes
 *   through (ctx.reply, telegram.sendMessage, getUpdates...). The outgoing limiter replaces it on each
 *   Telegram object. A failed call throws TelegramError with the answer in `response` (5xx included);
 *   no answer at all throws node-fetch's FetchError. The signal aborts a call (a held getUpdates): the
 *   limiter passes its own, aborted at the call's time bound (telegraf's own bound is 500 s).
 * - `Telegraf#handleUpdate(update)` makes a new Telegram for each update from `bot.telegram.options`, so
 *   the limiter is also installed on each `ctx.telegram` by a first middleware. It resolves once the
 *   middleware has finished (errors go to bot.catch), and with `bot.botInfo` set it calls no getMe.
 * - Not used: `Telegraf#launch` and its `Polling`. Polling moves its offset past a batch before handling
 *   it, awaits the whole batch before the next getUpdates, ends on the first handler that throws, and on
 *   its way out sends that offset (syncUpdateOffset), confirming updates that were never saved. The bot
 *   polls with src/telegram/update-poller.ts instead, so `bot.stop()` has nothing to stop.
 * - A call that uploads a file goes as multipart. Telegraf turns only the objects it lists in
 *   FORM_DATA_JSON_FIELDS (reply_markup among them) into JSON and takes any other object for a file to
 *   attach: an object `reply_parameters` never reaches Telegram. Such a field goes as the JSON text
 *   Telegram reads from a multipart field instead (see asMultipartJson).
 */

const INSTALLED: unique symbol = Symbol('rate limiter installed');

type Payload = Record<string, unknown> & { [DROPPABLE]?: boolean; [BACKGROUND]?: boolean };
type Limited = Telegram & { [INSTALLED]?: OutgoingLimiter };

/**
 * Routes every Bot API call of this Telegram object through the limiter, which also bounds its time
 * (API_TIMEOUT_SECONDS; getUpdates its long poll plus that). Telegraf makes a new Telegram
 * for each update, so install it on bot.telegram and, with createLimiterMiddleware, on each ctx.telegram.
 * Installing again on the same object does nothing.
 */
export function installRateLimiter(telegram: Telegram, limiter: OutgoingLimiter): void {
  const target = telegram as Limited;
  if (target[INSTALLED]) return;
  type CallOptions = { signal?: CallerSignal };
  const callApi = telegram.callApi.bind(telegram) as (
    m: string,
    p: object,
    o?: CallOptions,
  ) => Promise<unknown>;
  // The limiter's signal aborts the call at its time bound; the caller's own signal still aborts it too.
  const limited = (method: string, payload: Payload, options?: CallOptions): Promise<unknown> => {
    const { [DROPPABLE]: droppable, [BACKGROUND]: background, ...clean } = payload;
    const send = (signal: AbortSignal) => callApi(method, clean, { signal });
    return limiter.schedule(method, clean, send, {
      droppable: droppable === true,
      background: background === true,
      ...(options?.signal ? { signal: options.signal } : {}),
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

/**
 * An object field of a multipart call as the JSON text Telegram reads from a form field. Its type stays
 * the object's, which the Bot API types ask for; telegraf sends the string as it is.
 */
export function asMultipartJson<T extends object>(value: T): T {
  return JSON.stringify(value) as unknown as T;
}
