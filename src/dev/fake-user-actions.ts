import type {
  FakeCallbackQuery,
  FakeChat,
  FakeFile,
  FakeMessage,
  FakeUpdate,
  FakeUser,
} from './fake-bot-types.js';
import type { ChatStore, NewMessageFields } from './fake-chat-store.js';
import type { FileStore } from './fake-file-store.js';
import type { GeneratedDocument } from './fake-generated-file.js';
import { snapshotMessage } from './fake-message-methods.js';
import {
  createFakeUser,
  createGroupChat,
  createPrivateChat,
  findCommandEntities,
  listInlineButtons,
} from './fake-telegram-objects.js';
import type { UpdateQueue } from './fake-update-queue.js';

/** What simulated users can do: each action enqueues an update for the bot's next getUpdates. */
export interface FakeUserActions {
  user(id: number, options?: { language_code?: string; first_name?: string; username?: string }): FakeUser;
  /** The user's private chat with the bot (chat id = user id), known to the fake from now on. */
  privateChat(user: FakeUser): FakeChat;
  /** A group with a negative id, known to the fake from now on. */
  group(id: number, title: string, type?: 'group' | 'supergroup'): FakeChat;
  /** A text message from a user; a leading /command (also /command@bot) gets a bot_command entity. */
  sendText(chat: FakeChat, from: FakeUser, text: string, extra?: MessageExtra): FakeMessage;
  /**
   * A document from a user, as Telegram delivers it (file_id, file_name, mime_type, file_size); a caption
   * starting with /command gets a bot_command caption entity. The bot can getFile and download it.
   */
  uploadDocument(chat: FakeChat, from: FakeUser, document: UploadedDocument): FakeMessage;
  /** A document whose bytes are made while the bot downloads them, its stated size true or not. */
  uploadGeneratedDocument(
    chat: FakeChat,
    from: FakeUser,
    document: GeneratedDocument & MessageExtra,
  ): FakeMessage;
  /** A press on an inline button of a message the bot sent; throws when the message has no such button. */
  pressButton(message: FakeMessage, data: string, from: FakeUser): FakeCallbackQuery;
  /** Any raw update; update_id is assigned when missing, and may repeat an earlier one. */
  sendUpdate(update: Omit<FakeUpdate, 'update_id'> & { update_id?: number }): FakeUpdate;
  /** Runs send; the updates its actions make reach the bot in one getUpdates answer, as after downtime. */
  inOneBatch<T>(send: () => T): T;
}

export interface MessageExtra {
  reply_to_message?: FakeMessage;
  /** Posting as a chat: an anonymous group admin posts with the group as sender_chat. */
  sender_chat?: FakeChat;
}

export interface UploadedDocument extends MessageExtra {
  file_name: string;
  bytes: Uint8Array;
  mime_type?: string;
  caption?: string;
}

export interface UserActionDeps {
  store: ChatStore;
  files: FileStore;
  queue: UpdateQueue;
  openCallbackIds: Set<string>;
  /** Called after each action with the chat it happened in, if any. */
  onAction: (chatId: number | undefined) => void;
}

function documentFields(document: FakeFile, caption: string | undefined): NewMessageFields {
  const fields: NewMessageFields = { document };
  if (caption === undefined) return fields;
  fields.caption = caption;
  const entities = findCommandEntities(caption);
  return entities ? { ...fields, caption_entities: entities } : fields;
}

function chatOfRawUpdate(update: Record<string, unknown>): FakeChat | undefined {
  const message = (update.message ?? update.edited_message) as { chat?: FakeChat } | undefined;
  const query = update.callback_query as { message?: { chat?: FakeChat } } | undefined;
  return message?.chat ?? query?.message?.chat;
}

export function createUserActions({
  store,
  files,
  queue,
  openCallbackIds,
  onAction,
}: UserActionDeps): FakeUserActions {
  let lastCallbackId = 0;

  const deliver = (
    chat: FakeChat,
    from: FakeUser,
    fields: NewMessageFields,
    extra: MessageExtra,
  ): FakeMessage => {
    const replied = extra.reply_to_message;
    if (replied) {
      const current = store.find(chat.id, replied.message_id)?.message ?? replied;
      fields.reply_to_message = snapshotMessage(current, true);
    }
    if (extra.sender_chat) fields.sender_chat = extra.sender_chat;
    const message = snapshotMessage(store.add(chat, from, fields, false).message);
    onAction(chat.id);
    queue.enqueue({ message });
    return message;
  };

  const describeButtons = (message: FakeMessage): string =>
    JSON.stringify(listInlineButtons(message.reply_markup).map((b) => b.callback_data ?? b.text));

  return {
    user: (id, options) => createFakeUser(id, options),
    privateChat(user) {
      const chat = createPrivateChat(user);
      store.register(chat);
      return store.chat(chat.id) ?? chat;
    },
    group(id, title, type) {
      const chat = createGroupChat(id, title, type);
      store.register(chat);
      return store.chat(chat.id) ?? chat;
    },
    sendText(chat, from, text, extra = {}) {
      const fields: NewMessageFields = { text };
      const entities = findCommandEntities(text);
      if (entities) fields.entities = entities;
      return deliver(chat, from, fields, extra);
    },
    uploadDocument(chat, from, upload) {
      const { file_name, mime_type } = upload;
      const document = files.add(Buffer.from(upload.bytes), {
        file_name,
        ...(mime_type ? { mime_type } : {}),
      });
      return deliver(chat, from, documentFields(document, upload.caption), upload);
    },
    uploadGeneratedDocument(chat, from, upload) {
      const { reply_to_message: _reply, sender_chat: _sender, ...spec } = upload;
      return deliver(chat, from, documentFields(files.addGenerated(spec), upload.caption), upload);
    },
    pressButton(message, data, from) {
      const stored = store.find(message.chat.id, message.message_id);
      const where = `message ${message.message_id} in chat ${message.chat.id}`;
      if (!stored?.byBot) throw new Error(`pressButton: ${where} is not a message the bot sent`);
      if (!listInlineButtons(stored.message.reply_markup).some((b) => b.callback_data === data)) {
        throw new Error(
          `pressButton: ${where} has no button "${data}"; its buttons: ${describeButtons(stored.message)}`,
        );
      }
      lastCallbackId += 1;
      const id = String(lastCallbackId);
      openCallbackIds.add(id);
      const chat_instance = String(message.chat.id);
      const query: FakeCallbackQuery = {
        id,
        from,
        message: snapshotMessage(stored.message),
        chat_instance,
        data,
      };
      onAction(message.chat.id);
      queue.enqueue({ callback_query: query });
      return query;
    },
    sendUpdate(update) {
      const chat = chatOfRawUpdate(update);
      if (chat) store.register(chat);
      onAction(chat?.id);
      return queue.enqueue(update);
    },
    inOneBatch: (send) => queue.inOneBatch(send),
  };
}
