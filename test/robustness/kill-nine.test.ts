import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import type { FakeBotApi, FakeChat, FakeUser } from '../../src/dev/fake-bot-api.js';
import { TEMP_FILE_PATTERN } from '../../src/storage/atomic-file.js';
import { type BotProcess, startBot, stopBot } from './kit/bot-process.js';
import { openPerceptrons } from './kit/stored-data.js';
import { createRandom, makeTempDir, startFake } from './kit/temp.js';

const ROUNDS = 20;
const ROWS_PER_MESSAGE = 3;
/** A burst is at most this long; when the bot is slow to answer, the kill waits for its first answer. */
const MAX_MESSAGES_PER_ROUND = 20;
const ADDED = /^✅ Added (\d+) rows?\. Rows now: (\d+)\./u;
const ENV = { MESSAGES_PER_MINUTE: '1000' };

interface Member {
  user: FakeUser;
  chat: FakeChat;
}

/** "Added <count> rows. Rows now: <total>": the message's rows are rows total-count+1 to total. */
interface Ack {
  chatId: number;
  count: number;
  total: number;
}

/** Message n holds rows `n 0 1 -> 0`, `n 1 1 -> 1`, `n 2 1 -> 0`: its number first, then its row index. */
const rowsOfMessage = (n: number) =>
  Array.from({ length: ROWS_PER_MESSAGE }, (_, j) => `${n} ${j} 1 -> ${j % 2}`).join('\n');

function recordAcks(api: FakeBotApi): Ack[] {
  const acks: Ack[] = [];
  api.onCall((call) => {
    const added =
      call.method === 'sendMessage' && call.answer?.ok ? ADDED.exec(String(call.payload.text)) : null;
    if (added)
      acks.push({ chatId: Number(call.payload.chat_id), count: Number(added[1]), total: Number(added[2]) });
  });
  return acks;
}

/** Sends messages of rows, rotating over the members, until the bot dies; kills it a while after an ack. */
async function burstUntilKilled(
  api: FakeBotApi,
  bot: BotProcess,
  members: Member[],
  acks: Ack[],
  next: number,
  killDelayMs: number,
) {
  const acksBefore = acks.length;
  let killing = false;
  let n = next;
  while (bot.child.exitCode === null && bot.child.signalCode === null) {
    if (n - next < MAX_MESSAGES_PER_ROUND) {
      const member = members[n % members.length] as Member;
      api.sendText(member.chat, member.user, rowsOfMessage(n));
      n += 1;
    }
    if (!killing && acks.length > acksBefore) {
      killing = true;
      setTimeout(() => bot.child.kill('SIGKILL'), killDelayMs);
    }
    await sleep(5);
  }
  return n;
}

/** Acks whose rows are not where the ack said, and messages stored more than once or in part. */
async function checkStore(dataDir: string, members: Member[], acks: Ack[]) {
  const keyOf = (chatId: number) => perceptronKey(chatId, chatId);
  const { docs, recovered } = await openPerceptrons(
    dataDir,
    members.map((m) => keyOf(m.chat.id)),
  );
  const lost = acks.filter(({ chatId, count, total }) => {
    const slot = docs.get(keyOf(chatId))?.rows.slice(total - count, total) ?? [];
    return (
      slot.length !== count ||
      slot.some((row, j) => row.inputs[0] !== slot[0]?.inputs[0] || row.inputs[1] !== j)
    );
  });
  const stored = [...docs.values()].flatMap((doc) => doc?.rows.map((row) => row.inputs[0] as number) ?? []);
  const perMessage = new Map<number, number>();
  for (const n of stored) perMessage.set(n, (perMessage.get(n) ?? 0) + 1);
  const broken = [...perMessage].filter(([, rows]) => rows !== ROWS_PER_MESSAGE);
  return { recovered, lost, broken, storedMessages: perMessage.size };
}

describe('the bot killed with SIGKILL in the middle of a burst of rows', () => {
  it(`keeps every row it acknowledged, through ${ROUNDS} kills and restarts`, async () => {
    const api = await startFake();
    const cwd = await makeTempDir();
    const dataDir = join(cwd, 'data');
    const members = Array.from({ length: 10 }, (_, i) => {
      const user = api.user(71 + i, { language_code: 'en' });
      return { user, chat: api.privateChat(user) };
    });
    const acks = recordAcks(api);
    const random = createRandom(20_240_601);
    let sent = 0;
    let staleTempFiles = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const bot = await startBot(api, dataDir, cwd, ENV);
      sent = await burstUntilKilled(api, bot, members, acks, sent, Math.floor(random() * 150));
      expect((await bot.exited).signal).toBe('SIGKILL');
      staleTempFiles += (await readdir(join(dataDir, 'perceptrons'))).filter((n) =>
        TEMP_FILE_PATTERN.test(n),
      ).length;
      const check = await checkStore(dataDir, members, acks);
      expect(check).toMatchObject({ recovered: [], lost: [], broken: [] });
    }

    const bot = await startBot(api, dataDir, cwd, ENV);
    const [first] = members as [Member];
    api.sendText(first.chat, first.user, '/data');
    const data = await api.waitForMessage(
      first.chat.id,
      (m) => m.text?.includes('Your dataset') ?? false,
      // Updates a kill cut off are handled first, their answers paced at one a second per chat.
      45_000,
    );
    await api.waitForIdle(10_000);
    expect(await stopBot(bot)).toMatchObject({ code: 0 });
    const { docs } = await openPerceptrons(dataDir, [perceptronKey(first.chat.id, first.user.id)]);
    const rows = [...docs.values()][0]?.rows.length ?? 0;
    expect(data.text).toContain(`${rows} rows`);

    const check = await checkStore(dataDir, members, acks);
    const ackedRows = new Set(acks.map((a) => `${a.chatId}:${a.total}`)).size * ROWS_PER_MESSAGE;
    console.info(
      `kill -9: ${ROUNDS} rounds, ${sent} messages sent, ${acks.length} acks (${ackedRows} distinct rows acked),` +
        ` ${check.lost.length} acked messages lost, ${check.storedMessages} messages stored,` +
        ` ${sent - check.storedMessages} neither stored nor answered, ${staleTempFiles} stale temp files seen after kills`,
    );
    expect(check).toMatchObject({ recovered: [], lost: [], broken: [] });
  }, 150_000);
});
