import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBot, stopBot } from './kit/bot-process.js';
import { perceptronFile, storePerceptrons } from './kit/stored-data.js';
import { makeTempDir, startFake } from './kit/temp.js';

interface Entry {
  path: string;
  kind: 'file' | 'folder';
  /** Permission bits in octal, e.g. '600'. */
  mode: string;
}

/** Every file and folder under dir, dir included. */
async function listModes(dir: string): Promise<Entry[]> {
  const own = await stat(dir);
  const entries: Entry[] = [{ path: dir, kind: 'folder', mode: (own.mode & 0o777).toString(8) }];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) entries.push(...(await listModes(path)));
    else entries.push({ path, kind: 'file', mode: ((await stat(path)).mode & 0o777).toString(8) });
  }
  return entries;
}

describe('the data folder after some use', () => {
  it('holds only files with mode 600 and folders with mode 700', async () => {
    const api = await startFake();
    const cwd = await makeTempDir();
    const dataDir = join(cwd, 'data');
    // One member's file is corrupt (and world-readable), so the store also makes a copy of it.
    await storePerceptrons(dataDir, new Map([[52, []]]));
    await writeFile(perceptronFile(dataDir, 52, 52), '{"broken', { mode: 0o644 });
    const bot = await startBot(api, dataDir, cwd);
    const ann = api.user(51, { language_code: 'en' });
    const chat = api.privateChat(ann);
    const steps: Array<[string, RegExp]> = [
      ['0 0 1 -> 0\n1 1 1 -> 1\n1 0 1 -> 1\n0 1 1 -> 0', /^✅ Added/u],
      ['/train 500', /^✅ Trained/u],
      ['/lang ru', /^✅ Язык/u],
    ];
    for (const [text, answer] of steps) {
      api.sendText(chat, ann, text);
      await api.waitForMessage(chat.id, (m) => answer.test(m.text ?? ''), 10_000);
    }
    const bob = api.user(52, { language_code: 'en' });
    api.sendText(api.privateChat(bob), bob, '/data');
    await api.waitForMessage(52, (m) => /dataset/.test(m.text ?? ''), 10_000);
    expect(await stopBot(bot)).toMatchObject({ code: 0 });

    const entries = await listModes(dataDir);
    expect(entries.filter((e) => e.kind === 'file').map((e) => e.path.slice(dataDir.length))).toEqual(
      expect.arrayContaining([
        '/perceptrons/chat-51-user-51.json',
        '/profiles/user-51.json',
        expect.stringMatching(/^\/perceptrons\/chat-52-user-52\.json\.corrupt-/),
      ]),
    );
    for (const entry of entries)
      expect(entry).toEqual({ ...entry, mode: entry.kind === 'file' ? '600' : '700' });
  });
});
