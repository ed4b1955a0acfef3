import type {
  FakeAnswer,
  FakeChat,
  FakeEntity,
  FakeFailure,
  FakeInlineButton,
  FakeReplyMarkup,
  FakeUser,
} from './fake-bot-types.js';

/** A human Telegram user; the first name defaults to `User <id>`. */
export function createFakeUser(
  id: number,
  options: { language_code?: string; first_name?: string; username?: string } = {},
): FakeUser {
  if (!Number.isInteger(id) || id <= 0)
    throw new RangeError(`a user id must be a positive integer, got ${id}`);
  const user: FakeUser = { id, is_bot: false, first_name: options.first_name ?? `User ${id}` };
  if (options.username !== undefined) user.username = options.username;
  if (options.language_code !== undefined) user.language_code = options.language_code;
  return user;
}

/** The private chat between the bot and a user: same id as the user. */
export function createPrivateChat(user: FakeUser): FakeChat {
  const chat: FakeChat = { id: user.id, type: 'private', first_name: user.first_name };
  if (user.username !== undefined) chat.username = user.username;
  return chat;
}

/** A group chat; group ids are negative, as in Telegram. */
export function createGroupChat(id: number, title: string, type: 'group' | 'supergroup' = 'group'): FakeChat {
  if (!Number.isInteger(id) || id >= 0)
    throw new RangeError(`a group id must be a negative integer, got ${id}`);
  return { id, type, title };
}

/** Telegram marks a leading `/command` or `/command@bot` with a bot_command entity. */
export function findCommandEntities(text: string): FakeEntity[] | undefined {
  const match = /^\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,32})?/.exec(text);
  return match ? [{ type: 'bot_command', offset: 0, length: match[0].length }] : undefined;
}

/** All inline buttons of a markup, row after row. */
export function listInlineButtons(markup: FakeReplyMarkup | undefined): FakeInlineButton[] {
  return markup?.inline_keyboard?.flat() ?? [];
}

/** Reply markup arrives as an object in JSON bodies and as a JSON string in multipart ones. */
export function parseReplyMarkup(value: unknown): FakeReplyMarkup | undefined {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (parsed === undefined || parsed === null) return undefined;
  if (typeof parsed !== 'object') throw new TypeError('reply_markup must be an object');
  return parsed as FakeReplyMarkup;
}

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden: bot was blocked by the user',
  404: 'Not Found',
  409: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
};

export function okAnswer(result: unknown): FakeAnswer {
  return { ok: true, result };
}

/** An error answer worded like Telegram's; 429 gets `retry after N` and parameters.retry_after. */
export function errorAnswer(failure: FakeFailure): FakeAnswer {
  const { error_code, retry_after } = failure;
  if (error_code === 429) {
    const seconds = retry_after ?? 1;
    const description = failure.description ?? `Too Many Requests: retry after ${seconds}`;
    return { ok: false, error_code, description, parameters: { retry_after: seconds } };
  }
  const description = failure.description ?? DEFAULT_DESCRIPTIONS[error_code] ?? `Error ${error_code}`;
  return { ok: false, error_code, description };
}

export function badRequest(reason: string): FakeAnswer {
  return errorAnswer({ error_code: 400, description: `Bad Request: ${reason}` });
}

/** The user Telegram puts in `from` when a group admin posts anonymously, as the group (sender_chat). */
export const ANONYMOUS_ADMIN: FakeUser = {
  id: 1087968824,
  is_bot: true,
  first_name: 'Group',
  username: 'GroupAnonymousBot',
};
