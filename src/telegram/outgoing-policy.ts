/** Which outgoing calls are rate limited, and in which lane. */
export interface Lane {
  key: string;
  intervalMs: number;
}

export interface LaneIntervals {
  privateIntervalMs: number;
  groupIntervalMs: number;
}

const LIMITED_METHOD = /^(send|edit|delete|copy|forward|stop|pin|unpin)/;
const UNLIMITED_METHODS = new Set(['sendChatAction']);

// Numeric ids below zero are groups and channels; so are `@channel` names.
function isGroupChatId(chatId: unknown): boolean {
  if (typeof chatId === 'string') return chatId.startsWith('@') || Number(chatId) < 0;
  return typeof chatId === 'number' && chatId < 0;
}

/**
 * The lane of a call that sends, edits or deletes messages: one per chat, spaced by the chat's interval;
 * inline-message edits share one unspaced lane. Undefined for calls that are not limited
 * (getUpdates, getMe, answerCallbackQuery, setMyCommands, sendChatAction...).
 */
export function laneOf(
  method: string,
  payload: Record<string, unknown>,
  intervals: LaneIntervals,
): Lane | undefined {
  if (!LIMITED_METHOD.test(method) || UNLIMITED_METHODS.has(method)) return undefined;
  const chatId = payload.chat_id;
  if (typeof chatId === 'number' || typeof chatId === 'string') {
    const intervalMs = isGroupChatId(chatId) ? intervals.groupIntervalMs : intervals.privateIntervalMs;
    return { key: `chat:${chatId}`, intervalMs };
  }
  return payload.inline_message_id === undefined ? undefined : { key: 'inline', intervalMs: 0 };
}

/** Edits are the calls Telegram refuses with 'message is not modified'. */
export function isEditMethod(method: string): boolean {
  return method.startsWith('editMessage');
}
