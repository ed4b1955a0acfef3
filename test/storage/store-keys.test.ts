import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { assertStoreKey, formatChatUserKey, formatUserKey } from '../../src/storage/store-keys.js';
import type { StoreLogger } from '../../src/storage/store-types.js';

describe('store keys', () => {
  it('name a user in a private chat and in a group, whose chat id is negative', () => {
    expect(formatChatUserKey(123, 456)).toBe('chat-123-user-456');
    expect(formatChatUserKey(-100123, 456)).toBe('chat--100123-user-456');
    expect(formatUserKey(456)).toBe('user-456');
  });

  it('are always accepted by assertStoreKey', () => {
    for (const key of [formatChatUserKey(-1001234567890, 7), formatUserKey(Number.MAX_SAFE_INTEGER)]) {
      expect(() => assertStoreKey(key)).not.toThrow();
    }
  });

  it('refuse ids that are not safe integers with a TypeError', () => {
    expect(() => formatChatUserKey(1.5, 2)).toThrow(TypeError);
    expect(() => formatUserKey(Number.NaN)).toThrow(TypeError);
    expect(() => formatUserKey(2 ** 60)).toThrow(TypeError);
  });
});

describe('StoreLogger', () => {
  it('is satisfied by a pino logger', () => {
    const logger: StoreLogger = pino({ enabled: false });
    expect(() => logger.warn({ file: 'x.json' }, 'message')).not.toThrow();
  });
});
