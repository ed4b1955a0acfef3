import { rm } from 'node:fs/promises';
import { type FakeBotApi, type FakeCall, startFakeBotApi } from '../src/dev/fake-bot-api.js';
import type { FakeAnswer } from '../src/dev/fake-bot-types.js';
import { startBenchBot } from './bench-bot.js';
import {
  copyDataDir,
  createRandom,
  createStudents,
  NO_FLOOD_LIMIT,
  prepareClass,
  type Student,
} from './class-kit.js';
import { formatMs, formatTable, verdict } from './latency-stats.js';
import { createProbeTimes, runStorm } from './storm-phases.js';

const STUDENTS = 10;
const INPUTS = 32;
const ROWS = 950;
/** The highest MAX_TRAINING_COST there is: trainings long enough to report progress. */
const MAX_COST = 1_000_000_000;
const EVERY_NTH_SEND = 5;
const LONG_RETRY_AFTER_S = 70_000;
const WINDOW_MS = 5_000;

const tooManyRequests = (seconds: number): FakeAnswer => ({
  ok: false,
  error_code: 429,
  description: `Too Many Requests: retry after ${seconds}`,
  parameters: { retry_after: seconds },
});

interface LongAnswer {
  chatId: number;
  at: number;
}

/** 429 (1 s) for every fifth sendMessage, and 429 (70,000 s) for the first progress edit. */
function answerTooManyRequests(api: FakeBotApi): { long: () => LongAnswer | undefined } {
  let sends = 0;
  let long: LongAnswer | undefined;
  api.setResponder((call) => {
    if (call.method === 'sendMessage' && ++sends % EVERY_NTH_SEND === 0) return tooManyRequests(1);
    const progress = call.method === 'editMessageText' && String(call.payload.text).startsWith('🧠');
    if (!progress || long) return undefined;
    long = { chatId: Number(call.payload.chat_id), at: performance.now() };
    return tooManyRequests(LONG_RETRY_AFTER_S);
  });
  return { long: () => long };
}

/** Calls by method: made, answered ok (each one a message or edit delivered), 429, other errors. */
function tallyCalls(calls: readonly FakeCall[]): string[][] {
  const methods = [...new Set(calls.map((call) => call.method))].sort();
  const row = (label: string, of: readonly FakeCall[]) => [
    label,
    String(of.length),
    String(of.filter((c) => c.answer?.ok).length),
    String(of.filter((c) => c.answer?.ok === false && c.answer.error_code === 429).length),
    String(of.filter((c) => c.answer?.ok === false && c.answer.error_code !== 429).length),
  ];
  return [
    ...methods.map((m) =>
      row(
        m,
        calls.filter((c) => c.method === m),
      ),
    ),
    row('all', calls),
  ];
}

/** The storm on a copy of the prepared data, with every call the bot makes recorded and 429s given. */
async function measureStorm(api: FakeBotApi, students: Student[], prepared: string) {
  const dataDir = await copyDataDir(prepared);
  const env = { ...NO_FLOOD_LIMIT, MAX_TRAINING_COST: String(MAX_COST), MAX_EPOCHS: '1000000' };
  // A training here lasts well under a second: with one message a second per chat no progress edit
  // would ever be sent, so chats are paced at 100 ms to let edits (and their 429) happen.
  const bot = await startBenchBot({
    api,
    dataDir,
    env,
    outgoing: { privateIntervalMs: 100 },
    progressIntervalMs: { private: 200, group: 200 },
  });
  const calls: FakeCall[] = [];
  const unsubscribe = api.onCall((call) => calls.push(call));
  const faults = answerTooManyRequests(api);
  const startedAt = performance.now();
  const plan = { inputs: INPUTS, thinkMs: [300, 900] as [number, number], random: createRandom(5) };
  const storm = { ...plan, maxCost: MAX_COST, windowMs: WINDOW_MS, maxProbes: 6 };
  const outcome = await runStorm(api, students, storm, createProbeTimes());
  const { limiter } = await bot.stop();
  unsubscribe();
  api.setResponder(undefined);
  await rm(dataDir, { recursive: true, force: true });
  const long = faults.long();
  return { calls, outcome, limiter, long: long && { ...long, afterMs: long.at - startedAt } };
}

function printReport(students: Student[], api: FakeBotApi, result: Awaited<ReturnType<typeof measureStorm>>) {
  const { calls, outcome, limiter, long } = result;
  console.log(
    `\nToo many requests: ${STUDENTS} students, the class storm for ${WINDOW_MS / 1000} s (${ROWS} rows x ${INPUTS}` +
      ` inputs, largest /train with MAX_TRAINING_COST=${MAX_COST.toLocaleString('en')} so that trainings report` +
      ` progress, progress edits every 200 ms at most), chats paced at 100 ms, the limiter's other defaults. The fake answers 429 (retry_after 1) to` +
      ` every ${EVERY_NTH_SEND}th sendMessage and 429 (retry_after ${LONG_RETRY_AFTER_S.toLocaleString('en')} s) to the first progress edit.`,
  );
  console.log(formatTable(['method', 'made', 'delivered', '429', 'other errors'], tallyCalls(calls)));
  const started = outcome.trainingMs.length + outcome.failures.length;
  const everyone = students.every((s) =>
    api.messages(s.chat.id).some((m) => m.text?.startsWith('✅ Trained')),
  );
  const allDelivered = outcome.failures.length === 0 && started > 0 && everyone;
  console.log(
    `trainings started: ${started}, results delivered: ${outcome.trainingMs.length}, every student has a result:` +
      ` ${everyone ? 'yes' : 'no'} (goal: all delivered: ${verdict(allDelivered)})`,
  );
  for (const text of outcome.failures) console.log(`  not a result: ${text}`);
  const needed = calls.filter((call) => call.answer?.ok).length;
  const ratio = calls.length / needed;
  console.log(
    `calls made / needed: ${calls.length} / ${needed} = ${ratio.toFixed(2)} (goal <= 2: ${verdict(ratio <= 2)})`,
  );
  console.log(
    long
      ? `the ${LONG_RETRY_AFTER_S.toLocaleString('en')} s answer went to chat ${long.chatId} after ${formatMs(long.afterMs)};` +
          ` the storm (all results in) took ${formatMs(outcome.durationMs)}`
      : 'no progress edit reached the Bot API, so the long retry_after was never given',
  );
  console.log(
    `bot's limiter: ${limiter.calls} calls, ${limiter.retried} retried, ${limiter.dropped} dropped`,
  );
}

/** The class storm against a Bot API that answers 429: every result must arrive, without a flood of retries. */
export async function runTooManyRequestsBenchmark(): Promise<void> {
  const api = await startFakeBotApi();
  try {
    const students = createStudents(api, STUDENTS, 6_000_001);
    const prepared = await prepareClass(api, students, ROWS, INPUTS, 20_240_602);
    const result = await measureStorm(api, students, prepared);
    await rm(prepared, { recursive: true, force: true });
    printReport(students, api, result);
  } finally {
    await api.close();
  }
}
