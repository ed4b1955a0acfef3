import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import { createLowdbStore } from '../../src/storage/lowdb-store.js';
import { assertStoreKey, formatChatUserKey, formatUserKey } from '../../src/storage/store-keys.js';
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
