import type { BotContext } from './bot-context.js';
import type { Keyboard } from './reply.js';

/** Replaces the text (and buttons) of one of the bot's messages in the update's chat. */
export async function editMessage(
  ctx: BotContext,
  messageId: number,
  html: string,
  keyboard?: Keyboard,
): Promise<void> {
  await ctx.telegram.editMessageText(ctx.chat?.id, messageId, undefined, html, {
    parse_mode: 'HTML',
    reply_markup: keyboard ? { inline_keyboard: keyboard } : undefined,
  });
}

/**
 * A progress update: worth sending only if it can go out now. When the chat's sending budget is used
 * up it is dropped rather than queued; a failure is not worth more than a log line.
 */
export async function editProgressMessage(
  ctx: BotContext,
  messageId: number,
  html: string,
  keyboard?: Keyboard,
): Promise<void> {
  await editMessage(ctx, messageId, html, keyboard).catch(() => undefined);
}
