import type { FakeChat, FakeMessage, FakeUser } from './fake-bot-types.js';

export interface StoredMessage {
  /** Order of creation over all chats, for "newer than" questions. */
  seq: number;
  byBot: boolean;
  message: FakeMessage;
}

export type NewMessageFields = Omit<FakeMessage, 'message_id' | 'date' | 'chat' | 'from'>;

/** Chats the fake knows and every message in them, with per-chat message ids like Telegram. */
export interface ChatStore {
  register(chat: FakeChat): void;
  chat(id: number): FakeChat | undefined;
  add(chat: FakeChat, from: FakeUser, fields: NewMessageFields, byBot: boolean): StoredMessage;
  find(chatId: number, messageId: number): StoredMessage | undefined;
  remove(chatId: number, messageId: number): boolean;
  /** Messages the bot sent to the chat and did not delete, oldest first. */
  botMessages(chatId: number): StoredMessage[];
  /** The same, only those newer than `seq`: a waiter's question, asked after every call. */
  botMessagesAfter(chatId: number, seq: number): StoredMessage[];
  lastSeq(): number;
}

interface ChatEntry {
  chat: FakeChat;
  lastMessageId: number;
  messages: Map<number, StoredMessage>;
  /** The bot's messages in the order sent. */
  fromBot: StoredMessage[];
}

export function createChatStore(): ChatStore {
  const chats = new Map<number, ChatEntry>();
  let seq = 0;

  const register = (chat: FakeChat): ChatEntry => {
    const known = chats.get(chat.id);
    if (known) return known;
    const entry: ChatEntry = { chat, lastMessageId: 0, messages: new Map(), fromBot: [] };
    chats.set(chat.id, entry);
    return entry;
  };

  return {
    register,
    chat: (id) => chats.get(id)?.chat,
    add(chat, from, fields, byBot) {
      const entry = register(chat);
      entry.lastMessageId += 1;
      const date = Math.floor(Date.now() / 1000);
      const message: FakeMessage = {
        message_id: entry.lastMessageId,
        date,
        chat: entry.chat,
        from,
        ...fields,
      };
      seq += 1;
      const stored: StoredMessage = { seq, byBot, message };
      entry.messages.set(message.message_id, stored);
      if (byBot) entry.fromBot.push(stored);
      return stored;
    },
    find: (chatId, messageId) => chats.get(chatId)?.messages.get(messageId),
    remove(chatId, messageId) {
      const entry = chats.get(chatId);
      if (!entry?.messages.delete(messageId)) return false;
      entry.fromBot = entry.fromBot.filter((m) => m.message.message_id !== messageId);
      return true;
    },
    botMessages: (chatId) => [...(chats.get(chatId)?.fromBot ?? [])],
    botMessagesAfter(chatId, after) {
      const list = chats.get(chatId)?.fromBot ?? [];
      let start = list.length;
      while (start > 0 && (list[start - 1] as StoredMessage).seq > after) start -= 1;
      return list.slice(start);
    },
    lastSeq: () => seq,
  };
}
