/** Plain shapes of the fake Bot API: the subset of Telegram's objects the fake produces and stores. */

export interface FakeUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export type FakeChatType = 'private' | 'group' | 'supergroup';

export interface FakeChat {
  id: number;
  type: FakeChatType;
  title?: string;
  first_name?: string;
  username?: string;
}

export interface FakeInlineButton {
  text: string;
  callback_data?: string;
  url?: string;
  [key: string]: unknown;
}

/** Whatever markup the bot sent: an inline keyboard, a reply keyboard, a removal or a force reply. */
export interface FakeReplyMarkup {
  inline_keyboard?: FakeInlineButton[][];
  keyboard?: unknown[][];
  [key: string]: unknown;
}

export interface FakeEntity {
  type: string;
  offset: number;
  length: number;
}

export interface FakeMessage {
  message_id: number;
  date: number;
  chat: FakeChat;
  from: FakeUser;
  /** As the bot sent it: HTML or Markdown is kept, not parsed. */
  text?: string;
  caption?: string;
  entities?: FakeEntity[];
  reply_markup?: FakeReplyMarkup;
  reply_to_message?: FakeMessage;
  edit_date?: number;
  caption_entities?: FakeEntity[];
  /** The chat a message was posted as (an anonymous group admin posts as the group). */
  sender_chat?: FakeChat;
  /** The Bot API method that made a non-text message, e.g. 'sendPhoto'. */
  media_method?: string;
  photo?: FakePhotoSize[];
  document?: FakeFile;
  animation?: FakeFile;
  /** Set by setMessageReaction: the emoji the bot reacted with, latest call wins. */
  reaction?: string[];
}

/** A document or animation as attached to a message. */
export interface FakeFile {
  file_id: string;
  file_unique_id: string;
  /** Absent when Telegram does not know it (a generated document may state none). */
  file_size?: number;
  file_name?: string;
  mime_type?: string;
}

export interface FakePhotoSize {
  file_id: string;
  file_unique_id: string;
  file_size: number;
  width: number;
  height: number;
}

/** What a member is in a chat, as getChatMember answers. */
export type FakeMemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

/** A restricted user is in the chat (is_member true) unless told otherwise, as Telegram answers it. */
export interface FakeMemberOptions {
  isMember?: boolean;
}

export interface FakeCallbackQuery {
  id: string;
  from: FakeUser;
  message: FakeMessage;
  chat_instance: string;
  data: string;
}

export interface FakeUpdate {
  update_id: number;
  [key: string]: unknown;
}

export type FakeAnswer =
  | { ok: true; result: unknown }
  | {
      ok: false;
      error_code: number;
      description: string;
      parameters?: { retry_after?: number; migrate_to_chat_id?: number };
    };

export interface FakeCall {
  method: string;
  payload: Record<string, unknown>;
  /** Date.now() when the request arrived. */
  at: number;
  /** Set once the fake has answered. */
  answer?: FakeAnswer;
}

/**
 * Answers a call itself, or returns undefined to let the fake handle it. A promise answers when it settles:
 * one that never does is a Bot API that hangs.
 */
export type FakeResponder = (call: FakeCall) => FakeAnswer | Promise<FakeAnswer> | undefined;

export interface FakeFailure {
  error_code: number;
  /** Defaults to Telegram's wording for the code, e.g. 'Too Many Requests: retry after 5'. */
  description?: string;
  retry_after?: number;
  /** How many matching calls fail; unlimited when absent. */
  times?: number;
}

export interface FakeBotApiOptions {
  /** Defaults to '7000000001:fake-token'; the bot id is the part before the colon. */
  token?: string;
  username?: string;
  firstName?: string;
}
