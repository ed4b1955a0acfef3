import type { Context } from 'telegraf';
import type { Language } from '../../config/config.js';
import type { Translate } from '../../i18n/i18n.js';

/** Telegraf's context with what the bot's own middleware adds. */
export interface BotContext extends Context {
  t: Translate;
  language: Language;
  /** Set in private while the member works on a group's exercise: the perceptron kept for it. */
  perceptronKey?: string;
  /** That exercise's title, shown with /data and /train results. */
  exerciseTitle?: string;
  /** Set in a group in quiet mode: no training progress, rows confirmed with a reaction. */
  quiet?: boolean;
}

/**
 * The account Telegram names as the sender of an admin's message posted anonymously, as the group
 * (`sender_chat`); a press of a button is never anonymous, it names the admin.
 */
export const ANONYMOUS_ADMIN_ID = 1087968824;

/** The sender's id, or 0 for updates without one (channel posts, which the bot ignores). */
export const senderId = (ctx: Context): number => ctx.from?.id ?? 0;

export const isGroupChat = (ctx: Context): boolean =>
  ctx.chat?.type === 'group' || ctx.chat?.type === 'supergroup';
