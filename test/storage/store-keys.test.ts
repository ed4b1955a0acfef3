import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import { createLowdbStore } from '../../src/storage/lowdb-store.js';
import {
  assertStoreKey,
  formatChatKeyPrefix,
  formatChatUserKey,
  formatUserKey,
  isStoreKey,
} from '../../src/storage/store-keys.js';
import { isNumbersDoc, makeTempDir } from './store-test-kit.js';

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

  it('name the id that is wrong and its value', () => {
    expect(() => formatChatUserKey(1.5, 2)).toThrow('chatId must be a safe integer, got 1.5');
    expect(() => formatChatUserKey(1, Number.NaN)).toThrow('userId must be a safe integer, got NaN');
    expect(() => formatChatKeyPrefix(0.5)).toThrow('chatId must be a safe integer, got 0.5');
    expect(() => formatUserKey(2 ** 60)).toThrow(`userId must be a safe integer, got ${2 ** 60}`);
  });

  it("of one chat's members all start with its prefix, which no other chat's keys start with", () => {
    expect(formatChatKeyPrefix(-100123)).toBe('chat--100123-user-');
    expect(formatChatUserKey(-100123, 9).startsWith(formatChatKeyPrefix(-100123))).toBe(true);
    expect(formatChatUserKey(-1001234, 9).startsWith(formatChatKeyPrefix(-100123))).toBe(false);
  });
});

describe('a key the store accepts', () => {
  it('is 1 to 200 letters, digits, "_" or "-"; isStoreKey and assertStoreKey agree', () => {
    for (const key of ['a', 'user-1_B', 'k'.repeat(200)]) {
      expect(isStoreKey(key)).toBe(true);
      expect(() => assertStoreKey(key)).not.toThrow();
    }
    for (const key of ['', '../x', 'a.json', 'k'.repeat(201)]) expect(isStoreKey(key)).toBe(false);
  });

  it('is refused with a message that shows the key, or its length when it is too long', () => {
    expect(() => assertStoreKey('../x')).toThrow(
      new TypeError('Store key must be letters, digits, "_" or "-", got "../x"'),
    );
    expect(() => assertStoreKey(7)).toThrow(TypeError);
    expect(() => assertStoreKey('k'.repeat(201))).toThrow(
      new RangeError('Store key must be at most 200 characters, got 201'),
    );
  });
});

describe("the store with the bot's pino logger", () => {
  it('logs a corrupt file it moved aside as one warning naming the key, the reason and the copy', async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, 'user-1.json'), 'not json', { mode: 0o600 });
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const store = createLowdbStore({
      dir,
      validate: isNumbersDoc,
      logger: createLogger({ level: 'info', destination }),
    });

    expect(await store.read('user-1')).toBeUndefined();
    expect(lines).toEqual([
      {
        level: 40,
        time: expect.any(Number),
        key: 'user-1',
        file: join(dir, 'user-1.json'),
        backupPath: expect.stringMatching(/user-1\.json\.corrupt-/),
        reason: 'malformed-json',
        msg: 'Moved a corrupt document aside; its key starts fresh',
      },
    ]);
  });
});
