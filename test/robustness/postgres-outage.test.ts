// The bot on DATABASE_URL while PostgreSQL goes away and comes back (a TCP proxy the test cuts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import { openPostgresDatabase } from '../../src/storage/postgres/postgres-database.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { startTestBot } from '../helpers/test-bot.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

async function until<T>(find: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`not within 15 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

describe('PostgreSQL down and back', () => {
  it('loses a row sent meanwhile, unanswered (its handler fails and is logged), then carries on', async () => {
    const direct = new URL(database.url);
    const proxy = await startTcpProxy(new URL(`postgres://${direct.hostname}:${direct.port || 5432}`));
    const viaProxy = new URL(database.url);
    viaProxy.port = new URL(proxy.url()).port;
    const bot = await startTestBot({ env: { DATABASE_URL: viaProxy.toString() } });
    try {
      const { user, chat } = bot.member('en');
      expect((await bot.say(user, chat, '1 1 -> 1')).text).toContain('Rows now: 1.');

      await proxy.cut();
      bot.api.sendText(chat, user, '0 0 -> 0');
      await until(() => bot.logs.find((line) => line.msg === 'an update failed'), 'the update to fail');

      await proxy.restart();
      expect((await bot.say(user, chat, '1 0 -> 1')).text).toContain('Rows now: 2.');
      // The member's updates are handled in order: nothing was said about the lost one.
      const toChat = bot.api.calls.filter(
        (call) => call.method === 'sendMessage' && call.payload.chat_id === chat.id,
      );
      expect(toChat.map((call) => String(call.payload.text).match(/Rows now: \d+/)?.[0])).toEqual([
        'Rows now: 1',
        'Rows now: 2',
      ]);
      const failed = bot.logs.find((line) => line.msg === 'an update failed') as {
        err?: { message?: string };
      };
      expect(failed.err?.message).toMatch(/ECONNREFUSED/);
      const reader = openPostgresDatabase({ url: database.url, logger: console });
      try {
        const doc = await reader
          .store('perceptrons', (_value): _value is { rows: { inputs: number[] }[] } => true)
          .read(perceptronKey(chat.id, user.id));
        expect(doc?.rows.map((row) => row.inputs.join(' '))).toEqual(['1 1', '1 0']);
      } finally {
        await reader.close();
      }
    } finally {
      await bot.stop();
    }
  });
});
