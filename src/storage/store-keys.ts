const KEY_PATTERN = /^[A-Za-z0-9_-]+$/;
const MAX_KEY_LENGTH = 200;

/** Throws unless key is 1 to 200 characters of [A-Za-z0-9_-], so its file can never leave the folder. */
export function assertStoreKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw new TypeError(`Store key must be letters, digits, "_" or "-", got ${JSON.stringify(key)}`);
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw new RangeError(`Store key must be at most ${MAX_KEY_LENGTH} characters, got ${key.length}`);
  }
}

/** True for a string assertStoreKey accepts. */
export function isStoreKey(key: string): boolean {
  return KEY_PATTERN.test(key) && key.length <= MAX_KEY_LENGTH;
}

/** The file name of a key's document (keys are checked first). */
export function toDocumentFileName(key: string): string {
  assertStoreKey(key);
  return `${key}.json`;
}

/** The key of a user's model in one chat: `chat-123-user-456`, groups `chat--100123-user-456`. */
export function formatChatUserKey(chatId: number, userId: number): string {
  assertTelegramId(chatId, 'chatId');
  assertTelegramId(userId, 'userId');
  return `chat-${chatId}-user-${userId}`;
}

/** What every key of one chat's models starts with: `chat-123-user-`. */
export function formatChatKeyPrefix(chatId: number): string {
  assertTelegramId(chatId, 'chatId');
  return `chat-${chatId}-user-`;
}

/** The key of a user's profile: `user-456`. */
export function formatUserKey(userId: number): string {
  assertTelegramId(userId, 'userId');
  return `user-${userId}`;
}

function assertTelegramId(id: number, name: string): void {
  if (!Number.isSafeInteger(id)) throw new TypeError(`${name} must be a safe integer, got ${String(id)}`);
}
