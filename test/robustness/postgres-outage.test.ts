// The bot on DATABASE_URL while PostgreSQL goes away and comes back (a TCP proxy the test cuts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import { openPostgresDatabase } from '../../src/storage/postgres/postgres-database.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { startTestBot } from '../helpers/test-bot.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { textsFor } from '../helpers/texts.js';

const en = textsFor('en');

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

describe('PostgreSQL down and back', () => {
  it('keeps a row sent meanwhile with Telegram, saying so, and applies it in order once PostgreSQL is back', async () => {
    const direct = new URL(database.url);
    const proxy = await startTcpProxy(new URL(`postgres://${direct.hostname}:${direct.port || 5432}`));
    const viaProxy = new URL(database.url);
    viaProxy.port = new URL(proxy.url()).port;
    const bot = await startTestBot({ env: { DATABASE_URL: viaProxy.toString() } });
    try {
      const { user, chat } = bot.member('en');
      expect((await bot.say(user, chat, '1 1 -> 1')).text).toContain('Rows now: 1.');

      await proxy.cut();
      // The update cannot be journaled: the poll offset stays on it, and the member is told.
      expect((await bot.say(user, chat, '0 0 -> 0')).text).toBe(en('inbox.notSaved'));

      await proxy.restart();
      expect((await bot.next(chat, 'Rows now: 2.', 20_000)).text).toContain('Rows now: 2.');
      expect((await bot.say(user, chat, '1 0 -> 1')).text).toContain('Rows now: 3.');
      const toChat = bot.api.calls.filter(
        (call) => call.method === 'sendMessage' && call.payload.chat_id === chat.id,
      );
      expect(toChat.map((call) => String(call.payload.text).match(/Rows now: \d+/)?.[0])).toEqual([
        'Rows now: 1',
        undefined,
        'Rows now: 2',
        'Rows now: 3',
      ]);
      const failed = bot.logs.find((line) => line.msg?.toString().startsWith('could not save an update')) as {
        err?: { message?: string };
      };
      expect(failed.err?.message).toMatch(/ECONNREFUSED/);
      const reader = openPostgresDatabase({ url: database.url, logger: console });
      try {
        const doc = await reader
          .store('perceptrons', (_value): _value is { rows: { inputs: number[] }[] } => true)
          .read(perceptronKey(chat.id, user.id));
        expect(doc?.rows.map((row) => row.inputs.join(' '))).toEqual(['1 1', '0 0', '1 0']);
      } finally {
        await reader.close();
      }
    } finally {
      await bot.stop();
    }
  }, 60_000);
});
