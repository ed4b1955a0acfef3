import type { Composer } from 'telegraf';
import { type BotContext, senderId } from './bot-context.js';
import {
  BUTTON_CODES,
  type ButtonCode,
  type ButtonPress,
  decodeButton,
  encodeButton,
} from './callback-data.js';
import { answerPress, type Keyboard } from './reply.js';

/** A handler for a press of the caller's own button; it may return a short notice for the presser. */
export type ButtonHandler = (ctx: BotContext, press: ButtonPress) => Promise<string | undefined>;

/** Whether a member other than the button's owner may press it too. */
export type OthersMayPress = (ctx: BotContext, press: ButtonPress) => Promise<boolean>;

/** Routes presses of buttons with this code to `handle`, which reads the press itself (see readPress). */
export function onPress(
  composer: Composer<BotContext>,
  code: ButtonCode,
  handle: (ctx: BotContext) => Promise<unknown>,
): void {
  composer.action(new RegExp(`^${code}\\|`), handle);
}

/** The pressed button's data, when it is well formed and of this code. */
export function readPress(ctx: BotContext, code: ButtonCode): ButtonPress | undefined {
  const data = ctx.callbackQuery && 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : '';
  const press = decodeButton(data);
  return press?.code === code ? press : undefined;
}

/**
 * Routes presses of buttons with this code. A press of someone else's button (unless `othersMayPress`
 * allows it), or with malformed data, changes nothing and gets a short notice. The owner is whom the
 * button was made for, never a permission (anyone can write it): the handler acts only on the presser's
 * own perceptron, or checks what the presser may do.
 */
export function onButton(
  composer: Composer<BotContext>,
  code: ButtonCode,
  handler: ButtonHandler,
  othersMayPress?: OthersMayPress,
): void {
  onPress(composer, code, async (ctx) => {
    const press = readPress(ctx, code);
    if (!press) return answerPress(ctx, ctx.t('press.unknown'));
    if (press.owner !== senderId(ctx) && !(await othersMayPress?.(ctx, press)))
      return answerPress(ctx, ctx.t('press.notYours'));
    const notice = await handler(ctx, press);
    return answerPress(ctx, notice);
  });
}

/** Routes presses of buttons with this code, as onButton does, to what a command does: no notice. */
export function onButtonRun(
  composer: Composer<BotContext>,
  code: ButtonCode,
  run: (ctx: BotContext, press: ButtonPress) => Promise<unknown>,
): void {
  onButton(composer, code, async (ctx, press) => {
    await run(ctx, press);
    return undefined;
  });
}

/** One inline button for the sender of this update. */
export function button(ctx: BotContext, label: string, code: ButtonCode, argument = '') {
  return { text: label, callback_data: encodeButton(code, senderId(ctx), argument) };
}

/** [Train] [Show data], under an answer that says rows arrived. */
export function rowsArrivedKeyboard(ctx: BotContext): Keyboard {
  return [
    [
      button(ctx, ctx.t('buttons.train'), BUTTON_CODES.train),
      button(ctx, ctx.t('buttons.showData'), BUTTON_CODES.showData),
    ],
  ];
}
