import { rm } from 'node:fs/promises';
import { type FakeBotApi, startFakeBotApi } from '../src/dev/fake-bot-api.js';
import { type BotSample, startBenchBot } from './bench-bot.js';
import {
  ask,
  copyDataDir,
  createRandom,
  FAST_OUTGOING,
  INPUTS,
  MAX_COST,
  NO_FLOOD_LIMIT,
  STUDENTS,
  type Student,
  setUpClass,
  THINK_MS,
} from './class-kit.js';
import { formatMs, formatTable, median, percentile, verdict } from './latency-stats.js';
import { createProbeTimes, type ProbeTimes, probeLoop, runStorm } from './storm-phases.js';

/** Leaves room under MAX_ROWS (1000) for the rows the /add probes send. */
const ROWS = 950;
const IDLE_PROBES = 10;
const STORM_WINDOW_MS = 15_000;
const STORM_PROBES = 40;
const GOAL_RATIO = 3;

interface Run {
  label: string;
  outgoing: typeof FAST_OUTGOING | Record<string, never>;
  /** False: every student sends /set pictures off first, so no picture follows their trainings. */
  pictures: boolean;
}

const FAST = 'pacing taken out: 20 ms per chat, 1000 calls/s overall (the event loop and storage share)';
const RUNS: Run[] = [
  { label: `${FAST}; pictures off (the peer of the next run)`, outgoing: FAST_OUTGOING, pictures: false },
  { label: `${FAST}; pictures on`, outgoing: FAST_OUTGOING, pictures: true },
  {
    label:
      'limiter defaults: a burst of 3, then 1 a second per chat, 30 calls/s overall (what a student sees); pictures on',
    outgoing: {},
    pictures: true,
  },
];

/** Both phases on one bot process started on a copy of the prepared data. */
async function measureRun(api: FakeBotApi, students: Student[], prepared: string, run: Run, seed: number) {
  const dataDir = await copyDataDir(prepared);
  const bot = await startBenchBot({ api, dataDir, outgoing: run.outgoing, env: NO_FLOOD_LIMIT });
  const startMb = await bot.residentMb();
  const random = createRandom(seed);
  const plan = { inputs: INPUTS, thinkMs: THINK_MS, random };
  if (!run.pictures) await Promise.all(students.map((student) => ask(api, student, '/set pictures off')));
  // One untimed /predict and /add each: every document read once, the code warm.
  await Promise.all(students.map((student) => probeLoop(api, student, plan, createProbeTimes(), 2)));
  const warm = await bot.sample();
  const idle = createProbeTimes();
  const idleStart = performance.now();
  await Promise.all(students.map((student) => probeLoop(api, student, plan, idle, IDLE_PROBES)));
  const idleMs = performance.now() - idleStart;
  const idleBot = await bot.sample();
  const storm = createProbeTimes();
  const stormPlan = { ...plan, maxCost: MAX_COST, windowMs: STORM_WINDOW_MS, maxProbes: STORM_PROBES };
  const outcome = await runStorm(api, students, stormPlan, storm);
  await api.waitForIdle(30_000);
  const memory = { startMb, endMb: await bot.residentMb() };
  const stormBot = await bot.stop();
  await rm(dataDir, { recursive: true, force: true });
  const callRate = {
    idle: (idleBot.limiter.calls - warm.limiter.calls) / (idleMs / 1000),
    storm: (stormBot.limiter.calls - idleBot.limiter.calls) / (outcome.durationMs / 1000),
    dropped: stormBot.limiter.dropped - idleBot.limiter.dropped,
  };
  return { idle, storm, idleBot, stormBot, outcome, callRate, memory };
}

function latencyRows(phase: string, times: ProbeTimes, bot: BotSample): string[][] {
  const loop = `${formatMs(bot.eventLoop.p99)} / ${formatMs(bot.eventLoop.max)}`;
  return (['predict', 'add'] as const).map((kind) => [
    phase,
    `/${kind}`,
    String(times[kind].length),
    formatMs(percentile(times[kind], 50)),
    formatMs(percentile(times[kind], 99)),
    formatMs(Math.max(...times[kind])),
    loop,
  ]);
}

function printRun(run: Run, result: Awaited<ReturnType<typeof measureRun>>): void {
  const { idle, storm, idleBot, stormBot, outcome, callRate, memory } = result;
  console.log(`\nrun: ${run.label}`);
  const header = ['phase', 'command', 'replies', 'p50', 'p99', 'max', 'bot event-loop delay p99 / max'];
  console.log(
    formatTable(header, [...latencyRows('idle', idle, idleBot), ...latencyRows('storm', storm, stormBot)]),
  );
  for (const kind of ['predict', 'add'] as const) {
    const ratio = percentile(storm[kind], 99) / percentile(idle[kind], 99);
    console.log(
      `p99 storm / idle, /${kind}: ${ratio.toFixed(2)} (goal <= ${GOAL_RATIO}: ${verdict(ratio <= GOAL_RATIO)})`,
    );
  }
  const trainings = outcome.trainingMs;
  console.log(
    `storm: ${trainings.length} trainings finished in ${formatMs(outcome.durationMs)} (each from /train to its` +
      ` result: p50 ${formatMs(percentile(trainings, 50))}, max ${formatMs(Math.max(...trainings))});` +
      ` ${outcome.failures.length} trainings failed; unexpected replies: ${idle.unexpected.length + storm.unexpected.length}`,
  );
  for (const text of [...outcome.failures, ...idle.unexpected, ...storm.unexpected].slice(0, 5))
    console.log(`  ${text}`);
  console.log(
    `the bot's Bot API calls a second: idle ${callRate.idle.toFixed(1)}, storm ${callRate.storm.toFixed(1)}` +
      ` (Telegram allows about 30 a second per bot); progress edits dropped in the storm: ${callRate.dropped}`,
  );
  console.log(
    `the bot process's resident memory (worker threads included): ${memory.startMb.toFixed(0)} MB at start,` +
      ` ${memory.endMb.toFixed(0)} MB at the end of the run (after the storm, the bot idle)`,
  );
  const { render, total } = stormBot.pictures;
  if (render.length === 0) {
    console.log('pictures after the trainings: none (turned off)');
    return;
  }
  console.log(
    `pictures after the trainings (private chats, on by default): ${render.length} in the storm; in the worker` +
      ` p50 ${formatMs(median(render))}, max ${formatMs(Math.max(...render))}; from request to PNG (waiting` +
      ` for a thread among the trainings) p50 ${formatMs(median(total))}, max ${formatMs(Math.max(...total))}`,
  );
}

function printSetup(setupMs: number): void {
  const epochs = Math.floor(MAX_COST / (ROWS * INPUTS));
  console.log(
    `\nClass storm: ${STUDENTS} students in private chats, ${ROWS} random rows x ${INPUTS} inputs each (added` +
      ` through the bot in /add messages of <= 4096 characters; setup ${formatMs(setupMs)}). Idle: each student` +
      ` alternates /predict and /add (one row), ${IDLE_PROBES} messages, one every ${THINK_MS[0]}-${THINK_MS[1]} ms.` +
      ` Storm: the same, while for ${STORM_WINDOW_MS / 1000} s every student keeps the largest training the limit` +
      ` allows going (/train of about ${epochs} epochs, rows x inputs x epochs <= ${MAX_COST.toLocaleString('en')};` +
      ` a new one as soon as the last one's result arrives).` +
      `\nReply time: from the student's message entering the fake Bot API until the bot's reply reaches it.` +
      ` The bot runs in its own process; MESSAGES_PER_MINUTE=10000 keeps the flood limit out of the way.`,
  );
}

/** A class of 30 trains at once while asking /predict and /add; prints reply times with and without the storm. */
export async function runClassStormBenchmark(): Promise<void> {
  const api = await startFakeBotApi();
  try {
    const { students, prepared, setupMs } = await setUpClass(api, 5_000_001, ROWS, 20_240_601);
    printSetup(setupMs);
    for (const [i, run] of RUNS.entries())
      printRun(run, await measureRun(api, students, prepared, run, 77 + i));
    await rm(prepared, { recursive: true, force: true });
  } finally {
    await api.close();
  }
}
