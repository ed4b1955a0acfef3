import { markDroppable } from '../../telegram/rate-limit.js';
import type { BotContext } from './bot-context.js';
import { type Keyboard, type SendOptions, sendAs } from './reply.js';

const markup = (keyboard?: Keyboard) => ({
  parse_mode: 'HTML' as const,
  reply_markup: keyboard ? { inline_keyboard: keyboard } : undefined,
});

/** Replaces the text (and buttons) of one of the bot's messages in the update's chat; always delivered. */
export async function editMessage(
  ctx: BotContext,
  messageId: number,
  html: string,
  keyboard?: Keyboard,
  options?: SendOptions,
): Promise<void> {
  const extra = sendAs(markup(keyboard), options);
  await ctx.telegram.editMessageText(ctx.chat?.id, messageId, undefined, html, extra);
}

/**
 * A progress update: worth sending only if it can go out now. When the chat's sending budget is used up,
 * or Telegram asks to wait, the limiter drops it rather than queueing it; a failure is not worth more.
 */
export async function editProgressMessage(
  ctx: BotContext,
  messageId: number,
  html: string,
  keyboard?: Keyboard,
): Promise<void> {
  await ctx.telegram
    .editMessageText(ctx.chat?.id, messageId, undefined, html, markDroppable(markup(keyboard)))
    .catch(() => undefined);
}
