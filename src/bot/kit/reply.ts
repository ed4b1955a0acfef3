import type { InlineKeyboardButton, Message } from 'telegraf/types';
import { markBackground } from '../../telegram/rate-limit.js';
import { asMultipartJson } from '../../telegram/telegraf-patches.js';
import { type BotContext, isGroupChat } from './bot-context.js';

export type Keyboard = InlineKeyboardButton[][];

export interface SendOptions {
  /**
   * Sent on the bot's own account (a training's result or picture), not in answer to the update at hand:
   * when the chat's budget is used up, up to three answers queued after it go first.
   */
  background?: boolean;
}

/** A call's extra, marked for the limiter when it is sent in the background. */
export const sendAs = <T extends object>(extra: T, options: SendOptions = {}): T =>
  options.background ? markBackground(extra) : extra;

/** Telegram refuses longer texts. */
export const MESSAGE_LIMIT = 4096;

/** About what a phone shows without scrolling: the length of a message meant to be read at a glance. */
export const SCREEN_LIMIT = 1200;

/**
 * Sends an HTML reply in the update's chat. In groups it quotes the member's message (or the message
 * whose button was pressed) so that a busy class can tell whose answer it is.
 */
export async function reply(
  ctx: BotContext,
  html: string,
  keyboard?: Keyboard,
  options?: SendOptions,
): Promise<Message.TextMessage> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) throw new Error('reply without a chat');
  const extra = {
    parse_mode: 'HTML' as const,
    link_preview_options: { is_disabled: true },
    ...quoteAndKeyboard(ctx, keyboard),
  };
  return ctx.telegram.sendMessage(chatId, html, sendAs(extra, options));
}

/** A document to send: its bytes, a file name, and an HTML caption of at most CAPTION_LIMIT characters. */
export interface OutgoingFile {
  bytes: Buffer;
  fileName: string;
  caption?: string;
}

/** Telegram refuses longer captions. */
export const CAPTION_LIMIT = 1024;

/** Sends a document in the update's chat, quoting the member in groups as reply() does. */
export async function replyWithFile(
  ctx: BotContext,
  file: OutgoingFile,
  keyboard?: Keyboard,
): Promise<Message.DocumentMessage> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) throw new Error('reply without a chat');
  return ctx.telegram.sendDocument(
    chatId,
    { source: file.bytes, filename: file.fileName },
    {
      ...(file.caption ? { caption: file.caption, parse_mode: 'HTML' } : {}),
      ...mediaReplyOptions(ctx, keyboard),
    },
  );
}

/** The quote and keyboard for a call that uploads a file, sent as multipart (see telegraf-patches.ts). */
export function mediaReplyOptions(ctx: BotContext, keyboard?: Keyboard) {
  const { reply_parameters, ...rest } = quoteAndKeyboard(ctx, keyboard);
  return reply_parameters ? { ...rest, reply_parameters: asMultipartJson(reply_parameters) } : rest;
}

/** In groups, the quote of the member's message (or of the message whose button was pressed); the keyboard. */
function quoteAndKeyboard(ctx: BotContext, keyboard: Keyboard | undefined) {
  const quoted = isGroupChat(ctx)
    ? (ctx.message?.message_id ?? ctx.callbackQuery?.message?.message_id)
    : undefined;
  return {
    ...(quoted ? { reply_parameters: { message_id: quoted, allow_sending_without_reply: true } } : {}),
    ...(keyboard ? { reply_markup: { inline_keyboard: keyboard } } : {}),
  };
}

/** Sends a reply made of several parts, each at most MESSAGE_LIMIT characters; the keyboard goes on the last. */
export async function replyInParts(ctx: BotContext, parts: string[], keyboard?: Keyboard): Promise<void> {
  for (const [i, part] of parts.entries())
    await reply(ctx, part, i === parts.length - 1 ? keyboard : undefined);
}

/** Answers a button press with a short notice (or silently), ignoring presses too old to answer. */
export async function answerPress(ctx: BotContext, notice?: string): Promise<void> {
  if (!ctx.callbackQuery) return;
  await ctx.answerCbQuery(notice).catch(() => undefined);
}
