/** Which outgoing calls are rate limited, and in which lane. */
export interface Lane {
  key: string;
  /** One more call is allowed every intervalMs... */
  intervalMs: number;
  /** ...and up to `burst` calls at once after a quiet spell. */
  burst: number;
  /** Groups: never more than `burst` calls in any windowMs (twenty a minute), however they are spread. */
  windowMs?: number;
}

export interface LanePacing {
  privateIntervalMs: number;
  groupIntervalMs: number;
  privateBurst: number;
  groupBurst: number;
}

const LIMITED_METHOD = /^(send|edit|delete|copy|forward|stop|pin|unpin)/;
const UNLIMITED_METHODS = new Set(['sendChatAction']);

// Numeric ids below zero are groups and channels; so are `@channel` names.
function isGroupChatId(chatId: unknown): boolean {
  if (typeof chatId === 'string') return chatId.startsWith('@') || Number(chatId) < 0;
  return typeof chatId === 'number' && chatId < 0;
}

/**
 * The lane of a call that sends, edits or deletes messages: one per chat, with the chat kind's budget;
 * inline-message edits share one unlimited lane. Undefined for calls that are not limited
 * (getUpdates, getMe, answerCallbackQuery, setMyCommands, sendChatAction...).
 */
export function laneOf(
  method: string,
  payload: Record<string, unknown>,
  pacing: LanePacing,
): Lane | undefined {
  if (!LIMITED_METHOD.test(method) || UNLIMITED_METHODS.has(method)) return undefined;
  const chatId = payload.chat_id;
  if (typeof chatId === 'number' || typeof chatId === 'string') {
    const key = `chat:${chatId}`;
    return isGroupChatId(chatId)
      ? {
          key,
          intervalMs: pacing.groupIntervalMs,
          burst: pacing.groupBurst,
          windowMs: pacing.groupIntervalMs * pacing.groupBurst,
        }
      : { key, intervalMs: pacing.privateIntervalMs, burst: pacing.privateBurst };
  }
  return payload.inline_message_id === undefined ? undefined : { key: 'inline', intervalMs: 0, burst: 1 };
}

/** Edits are the calls Telegram refuses with 'message is not modified'. */
export function isEditMethod(method: string): boolean {
  return method.startsWith('editMessage');
}
