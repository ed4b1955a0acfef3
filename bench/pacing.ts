import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type FakeBotApi, type FakeChat, startFakeBotApi } from '../src/dev/fake-bot-api.js';
import type { OutgoingLimiterOptions } from '../src/telegram/rate-limit.js';
import { startBenchBot } from './bench-bot.js';
import { ask, createStudents, NO_FLOOD_LIMIT, type Student } from './class-kit.js';
import { formatMs, formatTable, percentile, verdict } from './latency-stats.js';

const STUDENTS = 5;
/** Commands each student sends in a row, each as soon as the last one's reply is in. */
const IN_A_ROW = 6;
/** The first ones fit the private burst and must come at once. */
const BURST = 3;
const GROUP_MEMBERS = 10;
const IDLE_GOAL_MS = 50;
const GROUP_GOAL_MS = 2000;
/** Long enough for every chat's budget to refill after the setup. */
const QUIET_MS = 3500;

interface Run {
  label: string;
  outgoing: Omit<OutgoingLimiterOptions, 'clock' | 'onEvent'>;
  goals: boolean;
}

const RUNS: Run[] = [
  { label: 'limiter defaults: bursts of 3 in private, 20 in a group', outgoing: {}, goals: true },
  {
    label: 'burst 1: the fixed spacing before (1 s in private, 3 s in a group)',
    outgoing: { privateBurst: 1, groupBurst: 1 },
    goals: false,
  },
  {
    label: 'pacing taken out: 1 ms per chat, 10,000 calls/s overall',
    outgoing: { privateIntervalMs: 1, groupIntervalMs: 1, globalPerSecond: 10_000 },
    goals: false,
  },
];

/** Each student in turn position 1..IN_A_ROW: the reply times of that position across students. */
async function measureInARow(api: FakeBotApi, students: Student[]): Promise<number[][]> {
  const byPosition: number[][] = Array.from({ length: IN_A_ROW }, () => []);
  await Promise.all(
    students.map(async (student) => {
      for (let i = 0; i < IN_A_ROW; i++) {
        const reply = await ask(api, student, '/predict 1 1 0', 30_000);
        if (!reply.text.startsWith('🔮'))
          throw new Error(`/predict was answered ${JSON.stringify(reply.text)}`);
        byPosition[i]?.push(reply.ms);
      }
    }),
  );
  return byPosition;
}

/** Every member of one group sends /add at the same moment: the time until each one's answer. */
async function measureGroupAdds(api: FakeBotApi, group: FakeChat, firstId: number): Promise<number[]> {
  const members = Array.from({ length: GROUP_MEMBERS }, (_, i) =>
    api.user(firstId + i, { language_code: 'en' }),
  );
  const sentAt = performance.now();
  const asked = members.map((member, i) => api.sendText(group, member, `/add ${i} 0 1 -> 1`));
  const pending = new Map(asked.map((message) => [message.message_id, message]));
  const times: number[] = [];
  await new Promise<void>((resolve) => {
    const stop = api.onCall((call) => {
      const quoted = (call.payload.reply_parameters as { message_id?: number } | undefined)?.message_id;
      if (call.method !== 'sendMessage' || quoted === undefined || !pending.delete(quoted)) return;
      times.push(performance.now() - sentAt);
      if (pending.size > 0) return;
      stop();
      resolve();
    });
  });
  return times;
}

async function measureRun(api: FakeBotApi, run: Run, index: number) {
  const dataDir = await mkdtemp(join(tmpdir(), 'perceptron-bench-pacing-'));
  const bot = await startBenchBot({ api, dataDir, outgoing: run.outgoing, env: NO_FLOOD_LIMIT });
  const students = createStudents(api, STUDENTS, 9_000_001 + index * 1000);
  for (const student of students) {
    await ask(api, student, '/example lesson', 30_000);
    api.sendText(student.chat, student.user, '/train');
    await api.waitForMessage(student.chat.id, (m) => m.text?.startsWith('✅ Trained') ?? false, 60_000);
    // The picture follows the result in a private chat; quiet starts once it is there.
    await api.waitForMessage(student.chat.id, (m) => m.media_method === 'sendPhoto', 60_000);
  }
  await sleep(QUIET_MS);
  const inARow = await measureInARow(api, students);
  const group = api.group(-9_000_001 - index, `Pacing ${index}`, 'supergroup');
  const groupAdds = await measureGroupAdds(api, group, 9_500_001 + index * 1000);
  await bot.stop();
  await rm(dataDir, { recursive: true, force: true });
  return { inARow, groupAdds };
}

function printRun(run: Run, result: Awaited<ReturnType<typeof measureRun>>): void {
  console.log(`\nrun: ${run.label}`);
  const rows = result.inARow.map((times, i) => [
    `private, command ${i + 1} in a row`,
    String(times.length),
    formatMs(percentile(times, 50)),
    formatMs(Math.max(...times)),
  ]);
  const group = result.groupAdds;
  rows.push([
    `group, ${GROUP_MEMBERS} members' /add at once`,
    String(group.length),
    formatMs(percentile(group, 50)),
    formatMs(Math.max(...group)),
  ]);
  console.log(formatTable(['what', 'replies', 'p50', 'max'], rows));
  if (!run.goals) return;
  const burstP50 = Math.max(...result.inARow.slice(0, BURST).map((times) => percentile(times, 50)));
  console.log(
    `idle reply p50, each of the first ${BURST} in a row: at most ${formatMs(burstP50)} (goal <= ${IDLE_GOAL_MS} ms: ${verdict(burstP50 <= IDLE_GOAL_MS)})`,
  );
  const last = Math.max(...group);
  console.log(
    `group: the last of ${GROUP_MEMBERS} acks after ${formatMs(last)} (goal <= ${GROUP_GOAL_MS} ms: ${verdict(last <= GROUP_GOAL_MS)})`,
  );
}

/** Reply times when nothing else happens: a few commands in a row in private, and a group all at once. */
export async function runPacingBenchmark(): Promise<void> {
  console.log(
    `\nPacing: ${STUDENTS} students in private chats (the lesson loaded and trained, its picture delivered, then ${QUIET_MS / 1000} s quiet)` +
      ` each send /predict ${IN_A_ROW} times in a row, each as soon as the last reply is in; then ${GROUP_MEMBERS}` +
      ' members of a new group send /add at the same moment. Reply time: from the message entering the fake Bot API' +
      ' until the reply reaches it. Each run is a new bot process.',
  );
  const api = await startFakeBotApi();
  try {
    const results = [];
    for (const [i, run] of RUNS.entries()) {
      const result = await measureRun(api, run, i);
      printRun(run, result);
      results.push(result);
    }
    printRatios(results);
  } finally {
    await api.close();
  }
}

type Result = Awaited<ReturnType<typeof measureRun>>;

/** The defaults against the fixed spacing before and against no pacing at all, measured in this run. */
function printRatios([defaults, spaced, unpaced]: Result[]): void {
  if (!defaults || !spaced || !unpaced) return;
  const burstP50 = (r: Result) => percentile(r.inARow.slice(0, BURST).flat(), 50);
  const lastAck = (r: Result) => Math.max(...r.groupAdds);
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  console.log(
    `\nfirst ${BURST} in a row, p50: defaults / burst 1 = ${ratio(burstP50(defaults), burstP50(spaced))},` +
      ` defaults / no pacing = ${ratio(burstP50(defaults), burstP50(unpaced))}` +
      `\ngroup, last ack: defaults / burst 1 = ${ratio(lastAck(defaults), lastAck(spaced))},` +
      ` defaults / no pacing = ${ratio(lastAck(defaults), lastAck(unpaced))}`,
  );
}
