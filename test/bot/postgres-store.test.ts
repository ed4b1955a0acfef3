// The real bot with DATABASE_URL: every document in PostgreSQL, nothing of a member's in the data folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBotApi } from '../../src/dev/fake-bot-api.js';
import { useRestartingBots } from '../helpers/restarting-bots.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { textsFor } from '../helpers/texts.js';

const en = textsFor('en');
const ru = textsFor('ru');
const bots = useRestartingBots();
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

/** A bot on the test database, with a data folder of its own (only its inbox goes there). */
const start = () => bots.start(bots.folder(), { env: { DATABASE_URL: database.url } });

/** The same person, as each new fake Bot API sees them. */
function member(api: FakeBotApi, id: number) {
  const user = api.user(id, { language_code: 'en' });
  return { user, chat: api.privateChat(user), group: api.group(-id, 'Class') };
}

/** Ends every connection to the test database: the bot's pools open new ones, with the new settings. */
const endConnections = () =>
  database.admin(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database.name}' AND pid <> pg_backend_pid()`,
  );

describe('the bot with DATABASE_URL', () => {
  it('keeps the rows, the trained weights, the settings and the language across a restart', async () => {
    const before = await start();
    const { user, chat, group } = member(before.api, 5151);
    await before.say(user, chat, '/lang ru');
    await before.say(user, chat, '/example lesson');
    await before.edited(await before.say(user, chat, '/train 500'), (text) =>
      text.includes(ru('train.outputs')),
    );
    await before.say(user, chat, '/set lr 0.5');
    await before.say(user, group, '/add 0.25 -> 1');
    const seen = async (bot: typeof before) => ({
      weights: (await bot.say(user, chat, '/weights')).text,
      settings: (await bot.say(user, chat, '/settings')).text,
      data: (await bot.say(user, chat, '/data')).text,
      groupData: (await bot.say(user, group, '/data')).text,
    });
    const earlier = await seen(before);
    expect(earlier.settings).toContain('скорость обучения: 0,5');
    await bots.stop(before);

    const after = await start();
    member(after.api, 5151);
    expect(await seen(after)).toEqual(earlier);
    const { rows } = await database.query(
      "SELECT count(*)::int AS n FROM documents WHERE store = 'perceptrons'",
    );
    expect(rows[0].n).toBe(2);
  });

  it('keeps a message sent while the database refuses writes with Telegram, says so, and applies it once writes work again', async () => {
    const bot = await start();
    const { user, chat } = member(bot.api, 5252);
    expect((await bot.say(user, chat, '1 0 -> 1')).text).toBe(en('rows.added', { count: 1, total: 1 }));
    await database.admin(`ALTER DATABASE ${database.name} SET default_transaction_read_only = on`);
    await endConnections();
    try {
      // It cannot be journaled, so it is not taken: the poll offset stays on it.
      expect((await bot.say(user, chat, '0 1 -> 0')).text).toBe(en('inbox.notSaved'));
    } finally {
      await database.admin(`ALTER DATABASE ${database.name} RESET default_transaction_read_only`);
      await endConnections();
    }
    expect((await bot.next(chat, 'Rows now: 2.', 20_000)).text).toBe(
      en('rows.added', { count: 1, total: 2 }),
    );
    const data = (await bot.say(user, chat, '/data')).text;
    expect(data).toContain('1 0 → 1');
    expect(data).toContain('0 1 → 0');
  });
});
