// The bot on DATABASE_URL killed with SIGKILL in the middle of bursts of rows: every row it acknowledged
// is in PostgreSQL, whole and once, after each kill.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPerceptronDoc, perceptronKey } from '../../src/bot/kit/state/documents.js';
import type { FakeBotApi, FakeChat, FakeUser } from '../../src/dev/fake-bot-api.js';
import { openPostgresDatabase } from '../../src/storage/postgres/postgres-database.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { startBot } from './kit/bot-process.js';
import { createRandom, makeTempDir, startFake } from './kit/temp.js';

const ROUNDS = 8;
const ROWS_PER_MESSAGE = 3;
const ADDED = /^✅ Added (\d+) rows?\. Rows now: (\d+)\./u;

interface Member {
  user: FakeUser;
  chat: FakeChat;
}

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

/** Message n holds rows `n 0 1 -> 0`, `n 1 1 -> 1`, `n 2 1 -> 0`. */
const rowsOfMessage = (n: number) =>
  Array.from({ length: ROWS_PER_MESSAGE }, (_, j) => `${n} ${j} 1 -> ${j % 2}`).join('\n');

/** Each ack as chat, count and total: the message's rows are rows total-count+1 to total. */
function recordAcks(api: FakeBotApi) {
  const acks: Array<{ chatId: number; count: number; total: number }> = [];
  api.onCall((call) => {
    const added =
      call.method === 'sendMessage' && call.answer?.ok ? ADDED.exec(String(call.payload.text)) : null;
    if (added)
      acks.push({ chatId: Number(call.payload.chat_id), count: Number(added[1]), total: Number(added[2]) });
  });
  return acks;
}

/** Acks whose rows are not where the ack said, and messages stored in part or more than once. */
async function checkStore(members: Member[], acks: ReturnType<typeof recordAcks>) {
  const instance = openPostgresDatabase({ url: database.url, logger: console });
  try {
    const store = instance.store('perceptrons', isPerceptronDoc);
    const docs = new Map(
      await Promise.all(
        members.map(
          async ({ chat }) => [chat.id, await store.read(perceptronKey(chat.id, chat.id))] as const,
        ),
      ),
    );
    const lost = acks.filter(({ chatId, count, total }) => {
      const slot = docs.get(chatId)?.rows.slice(total - count, total) ?? [];
      return (
        slot.length !== count ||
        slot.some((row, j) => row.inputs[0] !== slot[0]?.inputs[0] || row.inputs[1] !== j)
      );
    });
    const perMessage = new Map<number, number>();
    for (const doc of docs.values())
      for (const row of doc?.rows ?? [])
        perMessage.set(row.inputs[0] as number, (perMessage.get(row.inputs[0] as number) ?? 0) + 1);
    const broken = [...perMessage].filter(([, rows]) => rows !== ROWS_PER_MESSAGE);
    return { lost, broken, storedMessages: perMessage.size };
  } finally {
    await instance.close();
  }
}

describe('the bot on PostgreSQL killed with SIGKILL in the middle of a burst of rows', () => {
  it(`keeps every row it acknowledged, through ${ROUNDS} kills and restarts`, async () => {
    const api = await startFake();
    const cwd = await makeTempDir();
    const members = Array.from({ length: 6 }, (_, i) => {
      const user = api.user(171 + i, { language_code: 'en' });
      return { user, chat: api.privateChat(user) };
    });
    const acks = recordAcks(api);
    const random = createRandom(20_261_207);
    const env = { MESSAGES_PER_MINUTE: '1000', DATABASE_URL: database.url };
    let sent = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const bot = await startBot(api, join(cwd, 'data'), cwd, env);
      const acksBefore = acks.length;
      let killing = false;
      const first = sent;
      while (bot.child.exitCode === null && bot.child.signalCode === null) {
        if (sent - first < 20) {
          const member = members[sent % members.length] as Member;
          api.sendText(member.chat, member.user, rowsOfMessage(sent));
          sent += 1;
        }
        if (!killing && acks.length > acksBefore) {
          killing = true;
          setTimeout(() => bot.child.kill('SIGKILL'), Math.floor(random() * 150));
        }
        await sleep(5);
      }
      expect((await bot.exited).signal).toBe('SIGKILL');
      expect(await checkStore(members, acks)).toMatchObject({ lost: [], broken: [] });
    }
    const check = await checkStore(members, acks);
    console.info(
      `kill -9 on PostgreSQL: ${ROUNDS} rounds, ${sent} messages sent, ${acks.length} acks, ${check.lost.length} acked messages lost, ${check.storedMessages} messages stored`,
    );
    expect(check.storedMessages).toBeGreaterThan(0);
  }, 150_000);
});
