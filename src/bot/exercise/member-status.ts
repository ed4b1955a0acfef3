import type { Telegram } from 'telegraf';
import { type BotContext, isGroupChat, senderId } from '../bot-context.js';
import type { BotDependencies } from '../bot-dependencies.js';

/**
 * A member's status in a group ('creator', 'administrator', 'member', 'left', 'kicked', ...), asked of
 * Telegram at most once a minute per member; 'unknown' when Telegram cannot say.
 */
export async function readMemberStatus(
  deps: BotDependencies,
  telegram: Telegram,
  chatId: number,
  userId: number,
): Promise<string> {
  const key = `${chatId}:${userId}`;
  const cached = deps.classroom.members.get(key);
  if (cached && Date.now() - cached.at < deps.classroom.memberTtlMs) return cached.status;
  try {
    const member = await telegram.getChatMember(chatId, userId);
    deps.classroom.members.set(key, { status: member.status, at: Date.now() });
    return member.status;
  } catch (error) {
    deps.logger.warn({ err: error, chatId }, 'could not ask Telegram for a member status');
    return 'unknown';
  }
}

export const isAdminStatus = (status: string): boolean => status === 'creator' || status === 'administrator';

/** Whether the sender may run a group's exercise: an admin, or an anonymous admin posting as the group. */
export async function isTeacher(deps: BotDependencies, ctx: BotContext): Promise<boolean> {
  const chatId = ctx.chat?.id;
  if (!isGroupChat(ctx) || chatId === undefined) return true;
  const senderChat = ctx.message && 'sender_chat' in ctx.message ? ctx.message.sender_chat : undefined;
  if (senderChat?.id === chatId) return true;
  return isAdminStatus(await readMemberStatus(deps, ctx.telegram, chatId, senderId(ctx)));
}
