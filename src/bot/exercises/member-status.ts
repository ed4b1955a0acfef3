import type { Telegram } from 'telegraf';
import type { ChatMember } from 'telegraf/types';
import type { LocaleKey } from '../../i18n/locale-keys.js';
import { type BotContext, isGroupChat, senderId } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';

/**
 * Where a user stands in a group: 'admin' (the creator too), 'member', 'outsider' (left, banned, or
 * restricted and no longer in it), or 'unknown' when Telegram answered with an error.
 */
export type Standing = 'admin' | 'member' | 'outsider' | 'unknown';

function standingOf(member: ChatMember): Standing {
  switch (member.status) {
    case 'creator':
    case 'administrator':
      return 'admin';
    case 'member':
      return 'member';
    case 'restricted':
      return member.is_member ? 'member' : 'outsider';
    default:
      return 'outsider';
  }
}

/**
 * A user's standing in a group, asked of Telegram at most once a minute per user. An error is 'unknown'
 * and is not kept, so that the next try asks again; 'unknown' lets nobody in.
 */
export async function readStanding(
  deps: BotDependencies,
  telegram: Telegram,
  chatId: number,
  userId: number,
): Promise<Standing> {
  const key = `${chatId}:${userId}`;
  const cached = deps.classroom.members.get(key);
  if (cached && Date.now() - cached.at < deps.classroom.memberTtlMs) return cached.standing;
  try {
    const standing = standingOf(await telegram.getChatMember(chatId, userId));
    deps.classroom.members.set(key, { standing, at: Date.now() });
    return standing;
  } catch (error) {
    deps.logger.warn({ err: error, chatId }, 'could not ask Telegram for a member status');
    return 'unknown';
  }
}

/** Members, admins and the creator are in the group; outsiders are not, and neither is anyone unknown. */
export const isInGroup = (standing: Standing): boolean => standing === 'admin' || standing === 'member';

/**
 * Whether the sender may run the group's exercise: an admin, or an anonymous admin posting as the group.
 * False outside groups and when Telegram cannot say.
 */
export async function isTeacher(deps: BotDependencies, ctx: BotContext): Promise<boolean> {
  const chatId = ctx.chat?.id;
  if (!isGroupChat(ctx) || chatId === undefined) return false;
  const senderChat = ctx.message && 'sender_chat' in ctx.message ? ctx.message.sender_chat : undefined;
  if (senderChat?.id === chatId) return true;
  return (await readStanding(deps, ctx.telegram, chatId, senderId(ctx))) === 'admin';
}

/**
 * Undefined when the sender may run the group's exercises (see isTeacher); else the sentence that refuses
 * them: `groupOnly` outside groups, "admins only" to the others.
 */
export async function refuseNonTeacher(
  deps: BotDependencies,
  ctx: BotContext,
  groupOnly: LocaleKey = 'exercise.groupOnly',
): Promise<string | undefined> {
  if (!isGroupChat(ctx)) return ctx.t(groupOnly);
  return (await isTeacher(deps, ctx)) ? undefined : ctx.t('exercise.notAdmin');
}

/**
 * Undefined when the sender is in the group; else the sentence that refuses them: `outsiderText` for an
 * outsider, and a request to try again when Telegram gave no answer.
 */
export async function refuseOutsider(
  deps: BotDependencies,
  ctx: BotContext,
  chatId: number,
  outsiderText: string,
): Promise<string | undefined> {
  const standing = await readStanding(deps, ctx.telegram, chatId, senderId(ctx));
  if (standing === 'unknown') return ctx.t('exercise.access.checkFailed');
  return isInGroup(standing) ? undefined : outsiderText;
}
