// Two instances of the bot in webhook mode on one database. One is killed with SIGKILL right after
// acknowledging a burst of rows; the other, with the first never restarted, applies the rows the dead one
// left, before the later rows it takes itself: every acknowledged row once, in order. And with
// PostgreSQL unreachable an update is not acknowledged, and nothing is lost once it is back.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { isPerceptronDoc, perceptronKey } from '../../src/bot/kit/state/documents.js';
import type { FakeBotApi, FakeChat, FakeUpdate, FakeUser } from '../../src/dev/fake-bot-api.js';
import { freePort } from '../../src/dev/free-port.js';
import { openPostgresDatabase } from '../../src/storage/postgres/postgres-database.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { textsFor } from '../helpers/texts.js';
import { createWebhookDelivery, webhookEnv } from '../helpers/webhook-delivery.js';
import { botEnv, nextCall, spawnBot } from './kit/bot-process.js';
import { makeTempDir, startFake } from './kit/temp.js';

const LEASE_SECONDS = 2;
const MEMBERS = 6;
const BEFORE_KILL = 8;
const AFTER_KILL = 3;
const en = textsFor('en');

/** A database of the test's own (update ids start again with each fake Bot API), dropped when it ends. */
async function ownDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  onTestFinished(() => database.drop());
  return database;
}

interface Member {
  user: FakeUser;
  chat: FakeChat;
}

/** dist/main.js in webhook mode on DATABASE_URL, once it has set its webhook. */
async function startInstance(api: FakeBotApi, cwd: string, name: string, databaseUrl: string) {
  const hookEnv = { ...webhookEnv(), PORT: String(await freePort()) };
  const listening = nextCall(api, 'setWebhook');
  const bot = spawnBot(
    botEnv(api, join(cwd, name), {
      ...hookEnv,
      DATABASE_URL: databaseUrl,
      JOURNAL_LEASE_SECONDS: String(LEASE_SECONDS),
      MESSAGES_PER_MINUTE: '1000',
      INSTANCE_ID: name,
    }),
    cwd,
  );
  await Promise.race([
    listening,
    bot.exited.then((exit) => {
      throw new Error(`${name} exited (${JSON.stringify(exit)}): ${bot.stderr()}${bot.stdout()}`);
    }),
  ]);
  return { bot, hook: createWebhookDelivery(api, Number(hookEnv.PORT), hookEnv) };
}

/** The first input of each row the member's perceptron holds (the number of the message it came in). */
async function storedMessages(database: TestDatabase, members: Member[]): Promise<number[][]> {
  const reader = openPostgresDatabase({ url: database.url, logger: console });
  try {
    const store = reader.store('perceptrons', isPerceptronDoc);
    return await Promise.all(
      members.map(async ({ chat, user }) =>
        ((await store.read(perceptronKey(chat.id, user.id)))?.rows ?? []).map(
          (row) => row.inputs[0] as number,
        ),
      ),
    );
  } finally {
    await reader.close();
  }
}

/** The member's message number `n` as an update of the fake's, not yet delivered. */
function rowUpdate(api: FakeBotApi, member: Member, index: number, n: number): FakeUpdate {
  api.sendText(member.chat, member.user, `${n} ${index} -> ${n % 2}`);
  const [update] = api.takeUpdates() as FakeUpdate[];
  if (!update) throw new Error('the fake made no update');
  return update;
}

describe('two instances on one database, one killed with SIGKILL right after acknowledging rows', () => {
  it('the other applies the rows the dead one left, in order and once, before the later ones it takes', async () => {
    const database = await ownDatabase();
    const api = await startFake();
    const cwd = await makeTempDir();
    const a = await startInstance(api, cwd, 'instance-a', database.url);
    const b = await startInstance(api, cwd, 'instance-b', database.url);
    const members: Member[] = Array.from({ length: MEMBERS }, (_, i) => {
      const user = api.user(501 + i, { language_code: 'en' });
      return { user, chat: api.privateChat(user) };
    });

    // Each member's messages one after another, as Telegram delivers a chat's updates; members at once.
    const statusesA = await Promise.all(
      members.map(async (member, index) => {
        const statuses: number[] = [];
        for (let n = 0; n < BEFORE_KILL; n++)
          statuses.push((await a.hook.post(rowUpdate(api, member, index, n))).status);
        return statuses;
      }),
    );
    a.bot.child.kill('SIGKILL');
    expect((await a.bot.exited).signal).toBe('SIGKILL');
    expect(statusesA.flat().every((status) => status === 200)).toBe(true);
    const { rows: left } = await database.query(
      "SELECT count(*)::int AS n FROM update_journal WHERE done_at IS NULL AND holder LIKE 'instance-a-%'",
    );
    const leftByDead = left[0].n as number;

    const statusesB = await Promise.all(
      members.map(async (member, index) => {
        const statuses: number[] = [];
        for (let n = BEFORE_KILL; n < BEFORE_KILL + AFTER_KILL; n++)
          statuses.push((await b.hook.post(rowUpdate(api, member, index, n))).status);
        return statuses;
      }),
    );
    expect(statusesB.flat().every((status) => status === 200)).toBe(true);

    const expected = Array.from({ length: BEFORE_KILL + AFTER_KILL }, (_, n) => n);
    let stored = await storedMessages(database, members);
    const deadline = Date.now() + 30_000;
    while (stored.some((rows) => rows.length < expected.length) && Date.now() < deadline) {
      await sleep(200);
      stored = await storedMessages(database, members);
    }
    console.info(
      `two instances on PostgreSQL: ${leftByDead} acknowledged updates left unfinished by the killed instance, ${stored.flat().length} rows stored`,
    );
    expect(leftByDead).toBeGreaterThan(0);
    expect(stored).toEqual(members.map(() => expected));
    // Instance B's replies to each member count the rows in order too: its last says all of them.
    for (const { chat } of members) {
      await api.waitForMessage(chat.id, (m) => m.text?.includes(`Rows now: ${expected.length}.`) ?? false);
    }
    // Each is marked done once its reply went out.
    const unfinished = async () =>
      (await database.query('SELECT count(*)::int AS n FROM update_journal WHERE done_at IS NULL')).rows[0]
        .n as number;
    while ((await unfinished()) > 0 && Date.now() < deadline) await sleep(100);
    expect(await unfinished()).toBe(0);
    expect(b.bot.child.exitCode).toBeNull();
  }, 90_000);
});

describe('PostgreSQL unreachable under a webhook instance', () => {
  it('answers 5xx, so that Telegram sends the update again, and loses nothing once PostgreSQL is back', async () => {
    const database = await ownDatabase();
    const api = await startFake();
    const cwd = await makeTempDir();
    const direct = new URL(database.url);
    const proxy = await startTcpProxy(new URL(`postgres://${direct.hostname}:${direct.port || 5432}`));
    const viaProxy = new URL(database.url);
    viaProxy.port = new URL(proxy.url()).port;
    const { hook } = await startInstance(api, cwd, 'instance-c', viaProxy.toString());
    const user = api.user(601, { language_code: 'en' });
    const member = { user, chat: api.privateChat(user) };

    expect((await hook.post(rowUpdate(api, member, 0, 1))).status).toBe(200);
    await api.waitForMessage(member.chat.id, (m) => m.text?.includes('Rows now: 1.') ?? false);

    await proxy.cut();
    const during = rowUpdate(api, member, 0, 2);
    const refused = await hook.post(during);
    expect(refused.status).toBeGreaterThanOrEqual(500);
    await api.waitForMessage(member.chat.id, (m) => m.text === en('inbox.notSaved'));
    expect((await hook.get('/healthz')).status).toBe(503);

    await proxy.restart();
    // Telegram delivers the refused update again, and then the chat's next one.
    expect((await hook.post(during)).status).toBe(200);
    expect((await hook.post(rowUpdate(api, member, 0, 3))).status).toBe(200);
    await api.waitForMessage(member.chat.id, (m) => m.text?.includes('Rows now: 3.') ?? false);
    expect(await storedMessages(database, [member])).toEqual([[1, 2, 3]]);
  }, 60_000);
});
