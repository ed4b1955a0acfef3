import type { Composer } from 'telegraf';
import { type BotContext, senderId } from './bot-context.js';
import { type ButtonPress, decodeButton, encodeButton } from './callback-data.js';
import { answerPress } from './reply.js';

/** A handler for a press of the caller's own button; it may return a short notice for the presser. */
export type ButtonHandler = (ctx: BotContext, press: ButtonPress) => Promise<string | undefined>;

/**
 * Routes presses of buttons with this code. A press of someone else's button, or with malformed data,
 * changes nothing and gets a short notice; the handler only ever acts on the presser's own perceptron.
 */
export function onButton(composer: Composer<BotContext>, code: string, handler: ButtonHandler): void {
  composer.action(new RegExp(`^${code}\\|`), async (ctx) => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : '';
    const press = decodeButton(data);
    if (!press || press.code !== code) return answerPress(ctx, ctx.t('press.unknown'));
    if (press.owner !== senderId(ctx)) return answerPress(ctx, ctx.t('press.notYours'));
    const notice = await handler(ctx, press);
    return answerPress(ctx, notice);
  });
}

/** One inline button for the sender of this update. */
export function button(ctx: BotContext, label: string, code: string, argument = '') {
  return { text: label, callback_data: encodeButton(code, senderId(ctx), argument) };
}
