import type { Composer } from 'telegraf';
import { type BotContext, senderId } from './bot-context.js';
import { type ButtonPress, decodeButton, encodeButton } from './callback-data.js';
import { answerPress } from './reply.js';

/** A handler for a press of the caller's own button; it may return a short notice for the presser. */
export type ButtonHandler = (ctx: BotContext, press: ButtonPress) => Promise<string | undefined>;

/** Whether a member other than the button's owner may press it too. */
export type OthersMayPress = (ctx: BotContext, press: ButtonPress) => Promise<boolean>;

/**
 * Routes presses of buttons with this code. A press of someone else's button (unless `othersMayPress`
 * allows it), or with malformed data, changes nothing and gets a short notice. The owner is whom the
 * button was made for, never a permission (anyone can write it): the handler acts only on the presser's
 * own perceptron, or checks what the presser may do.
 */
export function onButton(
  composer: Composer<BotContext>,
  code: string,
  handler: ButtonHandler,
  othersMayPress?: OthersMayPress,
): void {
  composer.action(new RegExp(`^${code}\\|`), async (ctx) => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : '';
    const press = decodeButton(data);
    if (!press || press.code !== code) return answerPress(ctx, ctx.t('press.unknown'));
    if (press.owner !== senderId(ctx) && !(await othersMayPress?.(ctx, press)))
      return answerPress(ctx, ctx.t('press.notYours'));
    const notice = await handler(ctx, press);
    return answerPress(ctx, notice);
  });
}

/** One inline button for the sender of this update. */
export function button(ctx: BotContext, label: string, code: string, argument = '') {
  return { text: label, callback_data: encodeButton(code, senderId(ctx), argument) };
}
