import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPerceptronDoc, isPerceptronDoc, perceptronKey } from '../src/bot/kit/state/documents.js';
import { type FakeBotApi, startFakeBotApi } from '../src/dev/fake-bot-api.js';
import { createLowdbStore } from '../src/storage/index.js';
import { type BenchBot, startBenchBot } from './bench-bot.js';
import { ask, createStudents, FAST_OUTGOING, NO_FLOOD_LIMIT, type Student } from './class-kit.js';
import { formatMs, formatTable, median, verdict } from './latency-stats.js';

const SIZES = [10, 10_000];
const FIRST_ID = 7_000_001;
const NEW_ID = 8_000_001;
const TOUCHED = 10;
const WARM_ADDS = 100;
const NEW_USERS = 50;
const WARM_UP_USERS = 30;
const LESSON_ROWS = [
  { inputs: [0, 0, 1], output: 0 },
  { inputs: [1, 1, 1], output: 1 },
  { inputs: [1, 0, 1], output: 1 },
  { inputs: [0, 1, 1], output: 0 },
];

/** Stores `count` members' perceptrons (the lesson's four rows each) the way the bot stores them. */
async function storeUsers(dataDir: string, count: number): Promise<void> {
  const store = createLowdbStore({ dir: join(dataDir, 'perceptrons'), validate: isPerceptronDoc });
  const doc = { ...createPerceptronDoc(), rows: LESSON_ROWS };
  for (let start = 0; start < count; start += 500) {
    const ids = Array.from({ length: Math.min(500, count - start) }, (_, i) => FIRST_ID + start + i);
    await Promise.all(ids.map((id) => store.update(perceptronKey(id, id), () => doc)));
  }
  await store.flush();
}

/** Times one /add by the student. */
async function timeAdd(api: FakeBotApi, student: Student): Promise<number> {
  const reply = await ask(api, student, '/add 1 1 0 -> 1');
  if (!reply.text.startsWith('✅ Added')) throw new Error(`/add was answered ${JSON.stringify(reply.text)}`);
  return reply.ms;
}

/** One bot with its own fake Bot API and data folder holding `users` members. */
interface Subject {
  users: number;
  api: FakeBotApi;
  dataDir: string;
  bot: BenchBot;
  times: Record<Phase, number[]>;
}

type Phase = 'firstTouch' | 'warm' | 'fresh';

async function startSubject(users: number): Promise<Subject> {
  const dataDir = await mkdtemp(join(tmpdir(), 'perceptron-add-cost-'));
  await storeUsers(dataDir, users);
  // Written-back pages of the 10,000 new files must not slow the first measurements.
  spawnSync('sync');
  const api = await startFakeBotApi();
  const bot = await startBenchBot({ api, dataDir, outgoing: FAST_OUTGOING, env: NO_FLOOD_LIMIT });
  // Untimed, so that both bots are measured on warm code.
  for (const student of createStudents(api, WARM_UP_USERS, NEW_ID + NEW_USERS)) await timeAdd(api, student);
  return { users, api, dataDir, bot, times: { firstTouch: [], warm: [], fresh: [] } };
}

async function stopSubject(subject: Subject): Promise<void> {
  await subject.bot.stop();
  await subject.api.close();
  await rm(subject.dataDir, { recursive: true, force: true });
}

/** The same /adds against each bot in turn, one message at a time, so that drift in the disk hits both. */
async function measureInTurn(subjects: Subject[]): Promise<void> {
  const plans = subjects.map((subject) => {
    const stored = createStudents(subject.api, TOUCHED, FIRST_ID);
    const fresh = createStudents(subject.api, NEW_USERS, NEW_ID);
    const warm = Array.from({ length: WARM_ADDS }, (_, i) => stored[i % TOUCHED] as Student);
    return { subject, steps: { firstTouch: stored, warm, fresh } };
  });
  for (const phase of ['firstTouch', 'warm', 'fresh'] as const) {
    const count = plans[0]?.steps[phase].length ?? 0;
    for (let i = 0; i < count; i++) {
      for (const { subject, steps } of plans) {
        subject.times[phase].push(await timeAdd(subject.api, steps[phase][i] as Student));
      }
    }
  }
}

/** One /add with 10 members stored against 10,000 stored: the cost must not grow with the members. */
export async function runAddCostBenchmark(): Promise<void> {
  const subjects: Subject[] = [];
  try {
    for (const users of SIZES) subjects.push(await startSubject(users));
    await measureInTurn(subjects);
    console.log(
      `\n/add cost against stored members: median reply time of '/add 1 1 0 -> 1' through the bot (own process,` +
        ` 20 ms pacing per chat, one message at a time, the two bots in turn), each member's perceptron a file under DATA_DIR/perceptrons`,
    );
    const header = [
      'stored members',
      'bot start',
      `first /add of a stored member (${TOUCHED})`,
      `/add of a warm member (${WARM_ADDS})`,
      `first /add of a new member (${NEW_USERS})`,
    ];
    const rows = subjects.map((s) => [
      s.users.toLocaleString('en'),
      formatMs(s.bot.startupMs),
      formatMs(median(s.times.firstTouch)),
      formatMs(median(s.times.warm)),
      formatMs(median(s.times.fresh)),
    ]);
    console.log(formatTable(header, rows));
    const [small, large] = subjects.map((subject) => subject.times) as [Subject['times'], Subject['times']];
    for (const [label, key] of [
      ['warm member', 'warm'],
      ['new member', 'fresh'],
      ['first /add of a stored member', 'firstTouch'],
    ] as const) {
      const ratio = median(large[key]) / median(small[key]);
      const about1 = ratio >= 2 / 3 && ratio <= 1.5;
      console.log(
        `ratio ${label}, 10,000 / 10: ${ratio.toFixed(2)} (goal about 1, 0.67-1.5: ${verdict(about1)})`,
      );
    }
  } finally {
    for (const subject of subjects) await stopSubject(subject);
  }
}
