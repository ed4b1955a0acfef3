import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import type { FakeChat, FakeUser } from '../../src/dev/fake-bot-api.js';
import type { GeneratedDocument } from '../../src/dev/fake-generated-file.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

const MB = 1024 * 1024;
/** What may be on its way when the bot hangs up: socket buffers of the loopback, both ends. */
const IN_FLIGHT = 16 * MB;
const UNSTATED: GeneratedDocument = { file_name: 'huge.csv', mime_type: 'text/csv', length: 600 * MB };
const HUGE: GeneratedDocument = { ...UNSTATED, statedSize: 100 };

let bot: TestBot;
let groups = -7700;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

/** Sends a generated document and resolves with the bot's answer and the bytes the file route sent. */
async function sendHuge(user: FakeUser, chat: FakeChat, document: GeneratedDocument) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const watch = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const message = bot.api.uploadGeneratedDocument(chat, user, document);
    const answer = await bot.api.waitForMessage(chat.id);
    return { text: answer.text, served: bot.api.fileBytesServed(message), grew: peak - before };
  } finally {
    clearInterval(watch);
  }
}

describe('every download path stops at MAX_FILE_BYTES (1 MB here), whatever the stated size', () => {
  it.each([
    ['states 100 bytes', HUGE],
    ['states no size', UNSTATED],
  ])('a 600 MB document in private that %s: told it is too big, after about 1 MB', async (_, document) => {
    const member = bot.member('en');
    const { text, served, grew } = await sendHuge(member.user, member.chat, document);
    expect(text).toBe(member.t('files.tooBigUnknown', { name: 'huge.csv', limit: '1 MB' }));
    expect(served).toBeLessThan(MB + IN_FLIGHT);
    expect(grew).toBeLessThan(64 * MB);
    expect(
      await bot.app.deps.perceptrons.read(perceptronKey(member.chat.id, member.user.id)),
    ).toBeUndefined();
  });

  it('in a group, with the caption /add', async () => {
    const group = bot.api.group(--groups, 'Class', 'supergroup');
    const member = bot.member('ru');
    const { text, served } = await sendHuge(member.user, group, { ...HUGE, caption: '/add' });
    expect(text).toBe(member.t('files.tooBigUnknown', { name: 'huge.csv', limit: '1 МБ' }));
    expect(served).toBeLessThan(MB + IN_FLIGHT);
  });

  it('as the hidden rows of /newexercise: told it is too big, not that it could not be fetched', async () => {
    const teacher = bot.member('en');
    for (const text of ['/newexercise', 'Huge', 'A statement.'])
      await bot.say(teacher.user, teacher.chat, text);
    const { text, served } = await sendHuge(teacher.user, teacher.chat, HUGE);
    expect(text).toBe(teacher.t('files.tooBigUnknown', { name: 'huge.csv', limit: '1 MB' }));
    expect(served).toBeLessThan(MB + IN_FLIGHT);
  });
});
