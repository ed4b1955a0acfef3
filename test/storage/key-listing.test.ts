import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendValue, makeTempDir, openNumbersStore } from './store-test-kit.js';

describe('keys(prefix)', () => {
  it('lists the stored documents whose key starts with the prefix, and nothing else in the folder', async () => {
    const dir = await makeTempDir();
    const { store } = openNumbersStore(dir);
    for (const key of ['chat--5-user-1', 'chat--5-user-22', 'chat--55-user-1', 'user-1']) {
      await store.update(key, appendValue(1));
    }
    await writeFile(join(dir, 'chat--5-user-3.json.corrupt-2026-01-01T00-00-00.000Z'), 'x');
    await writeFile(join(dir, '.chat--5-user-4.json.abc123.tmp'), 'x');
    await writeFile(join(dir, 'chat--5-user-notes'), 'x');
    expect((await store.keys('chat--5-user-')).sort()).toEqual(['chat--5-user-1', 'chat--5-user-22']);
    expect(await store.keys('nobody-')).toEqual([]);
  });
});
