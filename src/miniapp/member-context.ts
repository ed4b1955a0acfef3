import { Context, type Telegraf } from 'telegraf';
import type { Update, UserFromGetMe } from 'telegraf/types';
import { exerciseTask } from '../bot/exercises/exercise-task.js';
import type { BotContext } from '../bot/kit/bot-context.js';
import type { BotDependencies } from '../bot/kit/bot-dependencies.js';
import { localeMiddleware } from '../bot/kit/middleware/locale.js';
import { perceptronKey } from '../bot/kit/state/documents.js';

/** Whom a request of the app acts for, as its validated initData and start_param say. */
export interface AppMember {
  userId: number;
  firstName: string;
  languageCode?: string;
  /** The member's private chat (its id is theirs), or the group of the start_param. */
  chat: { id: number; kind: 'private' | 'group'; title?: string };
}

/** The key the chat takes one member's updates in turn by (before an exercise in private picks its own). */
export const turnKeyOf = (member: AppMember): string => perceptronKey(member.chat.id, member.userId);

let lastId = 0;

/**
 * An update id for a change made from the app, below zero so that it never meets Telegram's: the
 * documents remember the last ids applied (see updateOnce), and these must never look like one of them.
 * Each is unique across restarts (the clock in microseconds, kept increasing).
 */
export function appUpdateId(): number {
  lastId = Math.max(lastId + 1, Date.now() * 1000);
  return -lastId;
}

/**
 * The member as the chat's handlers see a message of theirs: the same language, the same perceptron (in
 * private, the exercise's one while they work on a group's exercise), the same quiet mode in a group.
 * Replies made through it go to the member's chat.
 */
export async function memberContext(
  deps: BotDependencies,
  bot: Telegraf<BotContext>,
  member: AppMember,
): Promise<BotContext> {
  const chat =
    member.chat.kind === 'private'
      ? { id: member.chat.id, type: 'private' as const, first_name: member.firstName }
      : {
          id: member.chat.id,
          type: member.chat.id < -1_000_000_000_000 ? ('supergroup' as const) : ('group' as const),
          title: member.chat.title ?? '',
        };
  const update = {
    update_id: appUpdateId(),
    message: {
      message_id: 0,
      date: Math.floor(Date.now() / 1000),
      chat,
      from: {
        id: member.userId,
        is_bot: false,
        first_name: member.firstName,
        ...(member.languageCode ? { language_code: member.languageCode } : {}),
      },
      text: '',
    },
  } as Update;
  const ctx = new Context(update, bot.telegram, bot.botInfo as UserFromGetMe) as BotContext;
  await localeMiddleware(deps)(ctx, async () => {});
  await exerciseTask(deps)(ctx, async () => {});
  return ctx;
}
