import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { type FakeBotApi, startFakeBotApi } from '../src/dev/fake-bot-api.js';
import { startBenchBot } from './bench-bot.js';
import {
  copyDataDir,
  createRandom,
  createStudents,
  FAST_OUTGOING,
  NO_FLOOD_LIMIT,
  prepareClass,
  type Student,
  trainAndWait,
} from './class-kit.js';
import { newTimes, predictUntil, setUpExercise, submitBursts, type Times } from './exercise-phases.js';
import { formatMs, formatTable, percentile, verdict } from './latency-stats.js';

const SUBMITTERS = 30;
const TRAINERS = 10;
const PREDICTORS = 10;
const ROWS = 950;
const INPUTS = 32;
const EPOCHS = Math.floor(160_000_000 / (ROWS * INPUTS));
const ROUNDS = 6;
const GOAL_RATIO = 3;

function printSetup(setupMs: number): void {
  console.log(
    `\nExercise storm: ${SUBMITTERS} students in an exercise (joined in private through the link) send /submit` +
      ` within one second; ${PREDICTORS} other users ask /predict meanwhile (think time per run). Idle: no training` +
      ` runs. Storm: ${TRAINERS} other users started training 1.1 s before ${ROWS} rows x ${INPUTS} inputs x ${EPOCHS}` +
      ` epochs each (the cost limit); they are stopped after the burst. Idle and storm alternate, ${ROUNDS} rounds` +
      ` per run; setup ${formatMs(setupMs)}.` +
      `\nReply time: from the message entering the fake Bot API until the bot's reply reaches it. The bot runs` +
      ` in its own process.`,
  );
}

function printResult(idle: Times, storm: Times, trainings: number[]): void {
  const row = (phase: string, kind: 'submit' | 'predict', times: Times) => [
    phase,
    `/${kind}`,
    String(times[kind].length),
    formatMs(percentile(times[kind], 50)),
    formatMs(percentile(times[kind], 99)),
    formatMs(Math.max(...times[kind])),
  ];
  const rows = (['submit', 'predict'] as const).flatMap((kind) => [
    row('idle', kind, idle),
    row('storm', kind, storm),
  ]);
  console.log(formatTable(['phase', 'command', 'replies', 'p50', 'p99', 'max'], rows));
  for (const kind of ['submit', 'predict'] as const) {
    const ratio = percentile(storm[kind], 99) / percentile(idle[kind], 99);
    console.log(
      `p99 storm / idle, /${kind}: ${ratio.toFixed(2)} (goal <= ${GOAL_RATIO}: ${verdict(ratio <= GOAL_RATIO)})`,
    );
  }
  console.log(
    `trainings during the storm: ${trainings.length} finished (p50 ${formatMs(percentile(trainings, 50))} each);` +
      ` unexpected replies: ${idle.unexpected.length + storm.unexpected.length}`,
  );
  for (const text of [...idle.unexpected, ...storm.unexpected].slice(0, 5)) console.log(`  ${text}`);
}

interface Run {
  label: string;
  outgoing: typeof FAST_OUTGOING | Record<string, never>;
  /** Between a /predict's reply and the next; with the defaults, at least the chat's 1 s spacing. */
  thinkMs: [number, number];
}

const RUNS: Run[] = [
  {
    label: 'pacing taken out: 20 ms per chat, 1000 calls/s overall',
    outgoing: FAST_OUTGOING,
    thinkMs: [200, 600],
  },
  {
    label: 'limiter defaults: 1 s per chat, 30 calls/s overall (what a student sees)',
    outgoing: {},
    thinkMs: [1_000, 1_400],
  },
];

/** Submissions enough for every burst of both runs; the cap is not what is measured. */
const BENCH_ENV = { ...NO_FLOOD_LIMIT, EXERCISE_SUBMISSIONS: '100' };

interface Class {
  trainers: Student[];
  submitters: Student[];
  predictors: Student[];
}

/** Idle and storm take turns, so that a change in the machine's load falls on both. */
async function measureRun(api: FakeBotApi, dataDir: string, people: Class, run: Run, seed: number) {
  const { trainers, submitters, predictors } = people;
  const bot = await startBenchBot({ api, dataDir, outgoing: run.outgoing, env: BENCH_ENV });
  const random = createRandom(seed);
  // Every submitter once, untimed: documents read, each member's status in the group asked and cached.
  await submitBursts(api, submitters, random, newTimes(), 1);
  const idle = newTimes();
  const storm = newTimes();
  const trainings: number[] = [];
  const loops = { idle: [] as number[], storm: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    await bot.sample();
    // A pause first, so that no chat's 1 s spacing from the burst before enters the measurement.
    await sleep(1_100);
    await predictUntil(
      api,
      predictors,
      random,
      idle,
      submitBursts(api, submitters, random, idle),
      run.thinkMs,
    );
    loops.idle.push((await bot.sample()).eventLoop.max);
    const running = trainers.map(async (student) => {
      const startedAt = performance.now();
      const text = await trainAndWait(api, student, EPOCHS);
      if (text.startsWith('✅ Trained')) trainings.push(performance.now() - startedAt);
    });
    await sleep(1_100);
    await predictUntil(
      api,
      predictors,
      random,
      storm,
      submitBursts(api, submitters, random, storm),
      run.thinkMs,
    );
    loops.storm.push((await bot.sample()).eventLoop.max);
    for (const student of trainers) api.sendText(student.chat, student.user, '/stop');
    await Promise.all(running);
  }
  await bot.stop();
  return { idle, storm, trainings, loops };
}

/** Thirty /submit within a second while ten trainings run: reply times against the same without them. */
export async function runExerciseStormBenchmark(): Promise<void> {
  const api = await startFakeBotApi();
  try {
    const setupStart = performance.now();
    const people: Class = {
      trainers: createStudents(api, TRAINERS, 4_100_001),
      submitters: createStudents(api, SUBMITTERS, 4_200_001),
      predictors: createStudents(api, PREDICTORS, 4_300_001),
    };
    const prepared = await prepareClass(api, people.trainers, ROWS, INPUTS, 20_261_201);
    const dataDir = await copyDataDir(prepared);
    const setupBot = await startBenchBot({ api, dataDir, outgoing: FAST_OUTGOING, env: BENCH_ENV });
    await setUpExercise(api, people.submitters, people.predictors);
    await setupBot.stop();
    printSetup(performance.now() - setupStart);
    for (const [i, run] of RUNS.entries()) {
      const result = await measureRun(api, dataDir, people, run, 8 + i);
      console.log(`\nrun: ${run.label}`);
      printResult(result.idle, result.storm, result.trainings);
      const most = (values: number[]) => formatMs(Math.max(...values));
      console.log(
        `bot event-loop delay, longest: idle ${most(result.loops.idle)}, storm ${most(result.loops.storm)}`,
      );
    }
    await rm(dataDir, { recursive: true, force: true });
    await rm(prepared, { recursive: true, force: true });
  } finally {
    await api.close();
  }
}
