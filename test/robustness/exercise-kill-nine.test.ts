import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import {
  type EntryDoc,
  type GroupExerciseDoc,
  isEntryDoc,
  isGroupExerciseDoc,
} from '../../src/bot/exercises/exercise-documents.js';
import { entryKey, groupKey } from '../../src/bot/exercises/exercise-state.js';
import type { FakeBotApi, FakeChat, FakeUser } from '../../src/dev/fake-bot-api.js';
import { createLowdbStore } from '../../src/storage/index.js';
import { startBot, stopBot } from './kit/bot-process.js';
import { createRandom, makeTempDir, startFake } from './kit/temp.js';

const ROUNDS = 3;
const SUBMITS_PER_ROUND = 2;
const ENV = { MESSAGES_PER_MINUTE: '1000', EXERCISE_SUBMISSIONS: '10' };

interface Student {
  user: FakeUser;
  chat: FakeChat;
}

/** Resolves with the bot's next message in a chat that contains `part`, however long pacing takes. */
const waitFor = (api: FakeBotApi, chat: FakeChat, part: string) =>
  api.waitForMessage(chat.id, (m) => m.text?.includes(part) ?? false, 60_000);

/** Each student's stored number of submissions to the group's running exercise, as the bot keeps them. */
async function readSubmissions(dataDir: string, chatId: number, students: Student[]) {
  const recovered: string[] = [];
  const onRecovered = ({ key }: { key: string }) => recovered.push(key);
  const open = <T>(folder: string, validate: (value: unknown) => value is T) =>
    createLowdbStore<T>({ dir: join(dataDir, folder), validate, onRecovered });
  const groups = open<GroupExerciseDoc>('exercise-groups', isGroupExerciseDoc);
  const entries = open<EntryDoc>('exercise-entries', isEntryDoc);
  const runId = (await groups.read(groupKey(chatId)))?.current?.runId ?? '';
  const counts = await Promise.all(
    students.map(async ({ user }) => (await entries.read(entryKey(runId, user.id)))?.entry?.submissions ?? 0),
  );
  return { counts, recovered, runId };
}

/** Counts the submission replies ("N submissions left") the fake answered, per chat. */
function countAcks(api: FakeBotApi): Map<number, number> {
  const acks = new Map<number, number>();
  api.onCall((call) => {
    if (call.method !== 'sendMessage' || !call.answer?.ok) return;
    if (!/^📨 /u.test(String(call.payload.text))) return;
    const chatId = Number(call.payload.chat_id);
    acks.set(chatId, (acks.get(chatId) ?? 0) + 1);
  });
  return acks;
}

describe('an exercise while the bot is killed with SIGKILL', () => {
  it('keeps every submission it acknowledged and counts each /submit once', async () => {
    const api = await startFake();
    const cwd = await makeTempDir();
    const dataDir = join(cwd, 'data');
    const group = api.group(-7070, 'Class under fire', 'supergroup');
    const teacher = api.user(7000, { language_code: 'en' });
    api.setChatMember(group.id, teacher, 'administrator');
    const students: Student[] = Array.from({ length: 8 }, (_, i) => {
      const user = api.user(7001 + i, { language_code: 'en' });
      return { user, chat: api.privateChat(user) };
    });
    const acks = countAcks(api);
    const random = createRandom(7070);

    let bot = await startBot(api, dataDir, cwd, ENV);
    api.sendText(group, teacher, '/exercise and');
    const announcement = await waitFor(api, group, 'Exercise');
    const url = api.buttons(announcement).find((b) => b.url)?.url ?? '';
    const payload = new URL(url).searchParams.get('start') ?? '';
    await Promise.all(
      students.map(async ({ user, chat }) => {
        api.sendText(chat, user, `/start ${payload}`);
        await waitFor(api, chat, 'current task');
        api.sendText(chat, user, '/example and');
        await waitFor(api, chat, 'Loaded');
        api.sendText(chat, user, '/train 300');
        await api.waitForMessage(chat.id, (m) => m.text?.startsWith('✅ Trained') ?? false, 60_000);
      }),
    );

    for (let round = 0; round < ROUNDS; round++) {
      const before = [...acks.values()].reduce((a, b) => a + b, 0);
      for (let k = 0; k < SUBMITS_PER_ROUND; k++)
        for (const { user, chat } of students) api.sendText(chat, user, '/submit');
      while ([...acks.values()].reduce((a, b) => a + b, 0) === before) await sleep(5);
      await sleep(Math.floor(random() * 200));
      bot.child.kill('SIGKILL');
      expect((await bot.exited).signal).toBe('SIGKILL');
      const { counts, recovered, runId } = await readSubmissions(dataDir, group.id, students);
      expect([recovered, runId.length]).toEqual([[], 8]);
      // Every acknowledged submission is on disk.
      for (const [i, { chat, user }] of students.entries())
        expect([user.id, (counts[i] ?? 0) >= (acks.get(chat.id) ?? 0)]).toEqual([user.id, true]);
      bot = await startBot(api, dataDir, cwd, ENV);
    }

    // The restarted bot handles what the kills cut off, each update once.
    const total = ROUNDS * SUBMITS_PER_ROUND;
    for (const { chat } of students)
      await api.waitForMessage(
        chat.id,
        (m) => m.text?.includes(`${10 - total} submissions left`) ?? false,
        60_000,
      );
    await api.waitForIdle(20_000);
    expect(await stopBot(bot)).toMatchObject({ code: 0 });
    const { counts } = await readSubmissions(dataDir, group.id, students);
    expect(counts).toEqual(students.map(() => total));
  }, 150_000);
});
