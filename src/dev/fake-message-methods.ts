import type { FakeAnswer, FakeChat, FakeMessage, FakeReplyMarkup, FakeUser } from './fake-bot-types.js';
import type { ChatStore, NewMessageFields } from './fake-chat-store.js';
import type { FileStore } from './fake-file-store.js';
import { findTextProblem } from './fake-html-check.js';
import { badRequest, listInlineButtons, okAnswer, parseReplyMarkup } from './fake-telegram-objects.js';

type Payload = Record<string, unknown>;
type Handler = (payload: Payload) => FakeAnswer;

const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';
const MEDIA_METHODS = ['sendPhoto', 'sendDocument', 'sendAnimation', 'sendVideo', 'sendAudio', 'sendVoice'];

/** A copy of a message as it may appear nested in another one (no deeper reply chain). */
export function snapshotMessage(message: FakeMessage, nested = false): FakeMessage {
  const copy = structuredClone(message);
  if (nested) delete copy.reply_to_message;
  return copy;
}

function readMarkup(payload: Payload): FakeReplyMarkup | undefined | FakeAnswer {
  const markup = parseReplyMarkup(payload.reply_markup);
  const tooLong = listInlineButtons(markup).find((b) => Buffer.byteLength(b.callback_data ?? '') > 64);
  return tooLong ? badRequest('BUTTON_DATA_INVALID') : markup;
}

function checkText(payload: Payload, field: 'text' | 'caption'): FakeAnswer | undefined {
  const problem = findTextProblem(payload[field], payload.parse_mode, field);
  return problem ? badRequest(problem) : undefined;
}

const isAnswer = (value: unknown): value is FakeAnswer =>
  typeof value === 'object' && value !== null && 'ok' in value;

/** sendMessage, media sends and edits over the chat store, answering like Telegram does. */
export function createMessageMethods(
  store: ChatStore,
  bot: FakeUser,
  files: FileStore,
): Record<string, Handler> {
  const findChat = (payload: Payload): FakeChat | undefined => store.chat(Number(payload.chat_id));

  const send = (payload: Payload, fields: NewMessageFields): FakeAnswer => {
    const chat = findChat(payload);
    if (!chat) return badRequest('chat not found');
    const markup = readMarkup(payload);
    if (isAnswer(markup)) return markup;
    // Telegram takes web_app buttons in private chats only.
    if (chat.type !== 'private' && listInlineButtons(markup).some((b) => b.web_app !== undefined))
      return badRequest('BUTTON_TYPE_INVALID');
    const parameters = readReplyParameters(payload);
    const replyId = parameters?.message_id ?? payload.reply_to_message_id;
    if (replyId !== undefined) {
      const target = store.find(chat.id, Number(replyId));
      const lenient = parameters?.allow_sending_without_reply ?? payload.allow_sending_without_reply;
      if (target) fields.reply_to_message = snapshotMessage(target.message, true);
      else if (lenient !== true) return badRequest('message to be replied not found');
    }
    if (markup) fields.reply_markup = markup;
    return okAnswer(snapshotMessage(store.add(chat, bot, fields, true).message));
  };

  const edit = (payload: Payload, change: (message: FakeMessage) => FakeAnswer | undefined): FakeAnswer => {
    const stored = store.find(Number(payload.chat_id), Number(payload.message_id));
    if (!stored?.byBot) return badRequest('message to edit not found');
    const failure = change(stored.message);
    if (failure) return failure;
    stored.message.edit_date = Math.floor(Date.now() / 1000);
    return okAnswer(snapshotMessage(stored.message));
  };

  const replaceMarkup = (message: FakeMessage, markup: FakeReplyMarkup | undefined): void => {
    if (markup) message.reply_markup = markup;
    else delete message.reply_markup;
  };

  const handlers: Record<string, Handler> = {
    sendMessage: (payload) => checkText(payload, 'text') ?? send(payload, { text: String(payload.text) }),
    editMessageText: (payload) =>
      checkText(payload, 'text') ??
      edit(payload, (message) => {
        const markup = readMarkup(payload);
        if (isAnswer(markup)) return markup;
        const same = message.text === payload.text && sameJson(markup, message.reply_markup);
        if (same) return badRequest(NOT_MODIFIED);
        message.text = String(payload.text);
        replaceMarkup(message, markup);
        return undefined;
      }),
    editMessageCaption: (payload) =>
      checkText(payload, 'caption') ??
      edit(payload, (message) => {
        const markup = readMarkup(payload);
        if (isAnswer(markup)) return markup;
        if (typeof payload.caption === 'string') message.caption = payload.caption;
        else delete message.caption;
        replaceMarkup(message, markup);
        return undefined;
      }),
    editMessageReplyMarkup: (payload) =>
      edit(payload, (message) => {
        const markup = readMarkup(payload);
        if (isAnswer(markup)) return markup;
        if (sameJson(markup, message.reply_markup)) return badRequest(NOT_MODIFIED);
        replaceMarkup(message, markup);
        return undefined;
      }),
    setMessageReaction: (payload) => {
      const stored = store.find(Number(payload.chat_id), Number(payload.message_id));
      if (!stored) return badRequest('message to react not found');
      const list = typeof payload.reaction === 'string' ? JSON.parse(payload.reaction) : payload.reaction;
      const emoji = Array.isArray(list) ? list.map((r: { emoji?: string }) => String(r.emoji)) : [];
      stored.message.reaction = emoji;
      return okAnswer(true);
    },
    deleteMessage: (payload) =>
      store.remove(Number(payload.chat_id), Number(payload.message_id))
        ? okAnswer(true)
        : badRequest('message to delete not found'),
  };
  for (const method of MEDIA_METHODS) {
    handlers[method] = (payload) => {
      const media = files.mediaFor(method, payload[method.slice(4).toLowerCase()]);
      if (isAnswer(media)) return media;
      const fields: NewMessageFields = { media_method: method, ...media };
      if (typeof payload.caption === 'string') fields.caption = payload.caption;
      return checkText(payload, 'caption') ?? send(payload, fields);
    };
  }
  return handlers;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Reply parameters arrive as an object in JSON bodies and as a JSON string in multipart ones, like markup. */
function readReplyParameters(payload: Payload): Payload | undefined {
  const value = payload.reply_parameters;
  if (typeof value !== 'string') return value as Payload | undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Payload) : undefined;
  } catch {
    return undefined;
  }
}
