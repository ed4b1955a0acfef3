import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FakeBotApi } from '../../src/dev/fake-bot-api.js';
import { startBot, stopBot } from './kit/bot-process.js';
import { perceptronFile, storePerceptrons } from './kit/stored-data.js';
import { makeTempDir, startFake } from './kit/temp.js';

const NOTICE =
  "⚠️ Your rows, settings and weights in this chat could not be read, so they start afresh; your language choice is kept. A copy was kept for the bot's owner.";
const LESSON = [
  { inputs: [0, 0, 1], output: 0 },
  { inputs: [1, 1, 1], output: 1 },
  { inputs: [1, 0, 1], output: 1 },
  { inputs: [0, 1, 1], output: 0 },
];
const CORRUPT = new Map<number, Buffer>([
  [401, Buffer.alloc(0)],
  [402, Buffer.from('{"version":1,"rows":[{"inputs":[0,0,1],"out')],
  [403, Buffer.alloc(256)],
  [404, Buffer.from('{"version":1,"rows":"none","settings":{}}\n')],
]);
const INTACT = 405;

/** The copies the store made of a file: `<file>.corrupt-<time>` next to it. */
async function copiesOf(file: string): Promise<string[]> {
  const names = await readdir(dirname(file));
  return names
    .filter((name) => name.startsWith(`${basename(file)}.corrupt-`))
    .map((n) => join(dirname(file), n));
}

/** The member sends /data, waits for the answer, and sends it again. */
async function askForDataTwice(api: FakeBotApi, id: number): Promise<void> {
  const user = api.user(id, { language_code: 'en' });
  const chat = api.privateChat(user);
  for (let i = 0; i < 2; i++) {
    api.sendText(chat, user, '/data');
    await api.waitForMessage(chat.id, (m) => /dataset/i.test(m.text ?? ''), 10_000);
  }
}

describe('a member whose stored perceptron is unreadable when the bot starts', () => {
  it('is told once, a copy keeps the original bytes, and the other members keep their data', async () => {
    const api = await startFake();
    const cwd = await makeTempDir();
    const dataDir = join(cwd, 'data');
    await storePerceptrons(dataDir, new Map([[INTACT, LESSON]]));
    const intactBytes = await readFile(perceptronFile(dataDir, INTACT, INTACT));
    for (const [id, bytes] of CORRUPT)
      await writeFile(perceptronFile(dataDir, id, id), bytes, { mode: 0o600 });
    const bot = await startBot(api, dataDir, cwd);

    await Promise.all([...CORRUPT.keys(), INTACT].map((id) => askForDataTwice(api, id)));
    expect(await stopBot(bot)).toMatchObject({ code: 0 });

    for (const [id, bytes] of CORRUPT) {
      const texts = api.messages(id).map((m) => m.text);
      expect(texts.filter((text) => text === NOTICE)).toHaveLength(1);
      expect(texts[0]).toBe(NOTICE);
      expect(texts.slice(1)).toEqual(Array(2).fill(expect.stringContaining('Your dataset is empty')));
      const copies = await copiesOf(perceptronFile(dataDir, id, id));
      expect(copies).toHaveLength(1);
      expect(await readFile(copies[0] as string)).toEqual(bytes);
    }
    const intactTexts = api.messages(INTACT).map((m) => m.text);
    expect(intactTexts).toHaveLength(2);
    expect(intactTexts).toEqual(Array(2).fill(expect.stringContaining('<b>Your dataset</b>: 4 rows')));
    expect(await readFile(perceptronFile(dataDir, INTACT, INTACT))).toEqual(intactBytes);
    expect(await copiesOf(perceptronFile(dataDir, INTACT, INTACT))).toEqual([]);
  });
});
