import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { queuePrefixOf } from '../src/config/config.js';
import { createLogger } from '../src/config/logger.js';
import { type FakeBotApi, startFakeBotApi } from '../src/dev/fake-bot-api.js';
import { freePort } from '../src/dev/free-port.js';
import { startWebhookDispatcher } from '../src/dev/webhook-dispatcher.js';
import { moveDocuments } from '../src/migrate-data/move-documents.js';
import { keyOfJobName, WORK_QUEUE } from '../src/queue/queue-keys.js';
import { openPostgresDatabase } from '../src/storage/postgres/postgres-database.js';
import { type BenchBot, startBenchBot } from './bench-bot.js';
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
import { formatMs, formatTable, percentile, verdict } from './latency-stats.js';
import {
  createProbeTimes,
  largestEpochs,
  type ProbeTimes,
  probeLoop,
  type StormOutcome,
  type StormPlan,
} from './storm-phases.js';

const ROWS = 300;
const STORM_WINDOW_MS = 30_000;
const STORM_PROBES = 60;
const GOAL_TRAININGS = 1.8;

const WORKER_MAIN = fileURLToPath(new URL('../dist/worker/main.js', import.meta.url));
const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ||
  process.env.TEST_DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL || process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
/** BENCH_WORKER_NICE=0 runs the training threads of both layouts at the bots' own priority (default 19). */
const NICE: Record<string, string> = process.env.BENCH_WORKER_NICE
  ? { WORKER_NICE: process.env.BENCH_WORKER_NICE }
  : {};
const WEBHOOK = {
  WEBHOOK_URL: 'https://bot.example.org/tg/bench-scale',
  WEBHOOK_SECRET: 'bench-secret_0123456789',
};

/** The pid of this process's child whose environment has PORT=port (a bench bot just started). */
function childWithPort(port: number): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid) continue;
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`PORT=${port}`))
        return Number(entry);
    } catch {
      // A process that ended meanwhile.
    }
  }
  throw new Error(`no bench bot with PORT=${port} among this process's children`);
}

/** CPU seconds a process (all its threads) has used so far, from /proc (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Pins every thread of a running process (and the threads it starts later) to one core. */
function pin(pid: number, core: number): void {
  execFileSync('taskset', ['-a', '-p', '-c', String(core), String(pid)], { stdio: 'ignore' });
}

/** A database of the bench's own on the server, dropped by the returned function. */
async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `perceptron_bench_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Removes every key under a prefix. */
async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** dist/worker/main.js under `taskset -c core`; resolves once it takes jobs. */
async function startWorker(env: Record<string, string>, core: number): Promise<ChildProcess> {
  if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run npm run build first`);
  const child = spawn('taskset', ['-c', String(core), process.execPath, WORKER_MAIN], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      if (out.length < 10_000) out += chunk.toString();
      if (out.includes('the worker takes jobs')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`a worker exited with code ${code} before taking jobs`)));
  });
  // Its log is not read any further; keep the pipe flowing.
  child.stdout?.resume();
  return child;
}

interface Layout {
  label: string;
  /** How the processes were placed, as printed. */
  pinning: string;
  instances: number;
  /** Workers, each on the core given; none: the instance's own pool trains. */
  workerCores: number[];
  instanceCores: number[];
}

const LAYOUTS: Layout[] = [
  {
    label: 'one instance, lowdb, its pool (TRAINING_WORKERS=1), no Redis',
    pinning: 'the instance with its pool thread: taskset core 0',
    instances: 1,
    workerCores: [],
    instanceCores: [0],
  },
  {
    label: 'two instances (PostgreSQL), two workers (Redis, TRAINING_WORKERS=1 each)',
    pinning: 'instance 1 and worker 1: core 0; instance 2 and worker 2: core 1',
    instances: 2,
    workerCores: [0, 1],
    instanceCores: [0, 1],
  },
];

/** A training's end, or the bot's refusal to start one; "😵" is a training that failed on the bot's side. */
const TRAIN_END = /^(✅ Trained|⏹|😵|There is nothing to learn|«|That is too much work|You are training)/u;

/** runStorm's loop, where a training that failed on the bot's side counts as failed instead of hanging. */
async function runStormCounted(api: FakeBotApi, students: Student[], plan: StormPlan, into: ProbeTimes) {
  const startedAt = performance.now();
  const inWindow = () => performance.now() - startedAt < plan.windowMs;
  const outcome: StormOutcome = { trainingMs: [], failures: [], durationMs: 0 };
  const keepTraining = async (student: Student) => {
    while (inWindow()) {
      const sentAt = performance.now();
      api.sendText(student.chat, student.user, `/train ${largestEpochs(student, plan.inputs, plan.maxCost)}`);
      const end = await api.waitForMessage(student.chat.id, (m) => TRAIN_END.test(m.text ?? ''), 180_000);
      const text = end.text ?? '';
      if (text.startsWith('✅ Trained')) outcome.trainingMs.push(performance.now() - sentAt);
      else outcome.failures.push(text.slice(0, 80));
    }
  };
  await Promise.all(
    students.map((student) =>
      Promise.all([keepTraining(student), probeLoop(api, student, plan, into, plan.maxProbes, inWindow)]),
    ),
  );
  outcome.durationMs = performance.now() - startedAt;
  return outcome;
}

interface Measured {
  storm: ProbeTimes;
  outcome: StormOutcome;
  perMinute: number;
  /** CPU seconds used during the storm by the instances and by the workers. */
  cpu: { instances: number; workers: number };
  /** With workers: the finished trainings' time waiting in the queue and running on a worker (ms). */
  queue?: { waitMs: number[]; runMs: number[] };
}

/** The finished training jobs' waits and run times, from BullMQ's own timestamps. */
async function queueTimes(prefix: string): Promise<{ waitMs: number[]; runMs: number[] }> {
  const queue = new Queue(WORK_QUEUE, { connection: { url: REDIS_URL }, prefix });
  try {
    const jobs = await queue.getJobs(['completed'], 0, 10_000);
    const trainings = jobs.filter(
      (job) => job.processedOn && job.finishedOn && keyOfJobName(job.name) !== undefined,
    );
    return {
      waitMs: trainings.map((job) => (job.processedOn ?? 0) - job.timestamp),
      runMs: trainings.map((job) => (job.finishedOn ?? 0) - (job.processedOn ?? 0)),
    };
  } finally {
    await queue.close();
  }
}

async function measureLayout(
  api: FakeBotApi,
  students: Student[],
  prepared: string,
  layout: Layout,
  seed: number,
): Promise<Measured> {
  const dataDir = await copyDataDir(prepared);
  const cleanups: Array<() => Promise<unknown>> = [async () => rm(dataDir, { recursive: true, force: true })];
  const bots: BenchBot[] = [];
  const workers: ChildProcess[] = [];
  try {
    const env: Record<string, string> = { ...NO_FLOOD_LIMIT, TRAINING_WORKERS: '1', ...NICE, ...WEBHOOK };
    let prefix: string | undefined;
    if (layout.workerCores.length > 0) {
      const database = await createDatabase();
      cleanups.push(database.drop);
      const logger = createLogger({ level: 'warn', destination: process.stderr });
      const opened = openPostgresDatabase({ url: database.url, logger });
      await moveDocuments(dataDir, opened, logger);
      await opened.close();
      const ownPrefix = `perceptron-bench-${randomBytes(6).toString('hex')}`;
      prefix = ownPrefix;
      cleanups.push(() => dropPrefix(ownPrefix));
      Object.assign(env, {
        DATABASE_URL: database.url,
        REDIS_URL,
        REDIS_PREFIX: ownPrefix,
      });
    }
    const ports: number[] = [];
    const instancePids: number[] = [];
    for (let i = 0; i < layout.instances; i++) {
      const port = await freePort();
      const bot = await startBenchBot({
        api,
        dataDir: `${dataDir}${i === 0 ? '' : `-instance-${i}`}`,
        outgoing: FAST_OUTGOING,
        env: { ...env, PORT: String(port) },
      });
      bots.push(bot);
      ports.push(port);
      const pid = childWithPort(port);
      instancePids.push(pid);
      pin(pid, layout.instanceCores[i] ?? 0);
    }
    for (const core of layout.workerCores) {
      const worker = await startWorker(
        {
          // The queue is named after the bot's id, the start of its token.
          BOT_TOKEN: api.token,
          REDIS_URL: env.REDIS_URL ?? '',
          REDIS_PREFIX: env.REDIS_PREFIX ?? '',
          TRAINING_WORKERS: '1',
          MAX_TRAINING_COST: String(MAX_COST),
          ...NICE,
        },
        core,
      );
      workers.push(worker);
    }
    const path = new URL(WEBHOOK.WEBHOOK_URL).pathname;
    const dispatcher = startWebhookDispatcher(api, {
      targets: ports.map((port) => `http://127.0.0.1:${port}${path}`),
      secret: WEBHOOK.WEBHOOK_SECRET,
    });
    cleanups.push(() => dispatcher.close());
    const random = createRandom(seed);
    const plan = { inputs: INPUTS, thinkMs: THINK_MS, random };
    await Promise.all(students.map((student) => ask(api, student, '/set pictures off')));
    // One untimed /predict and /add each: every document read once, the code warm.
    await Promise.all(students.map((student) => probeLoop(api, student, plan, createProbeTimes(), 2)));
    const stormTimes = createProbeTimes();
    const stormPlan = { ...plan, maxCost: MAX_COST, windowMs: STORM_WINDOW_MS, maxProbes: STORM_PROBES };
    const used = () => ({
      instances: instancePids.reduce((sum, pid) => sum + cpuSeconds(pid), 0),
      workers: workers.reduce((sum, worker) => sum + cpuSeconds(worker.pid as number), 0),
    });
    const before = used();
    const outcome = await runStormCounted(api, students, stormPlan, stormTimes);
    const after = used();
    await dispatcher.idle();
    return {
      ...(prefix ? { queue: await queueTimes(queuePrefixOf(prefix, api.token)) } : {}),
      storm: stormTimes,
      outcome,
      perMinute: outcome.trainingMs.length / (outcome.durationMs / 60_000),
      cpu: { instances: after.instances - before.instances, workers: after.workers - before.workers },
    };
  } finally {
    for (const bot of bots) await bot.stop().catch(() => undefined);
    for (const worker of workers) {
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker.once('exit', resolve));
    }
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

function printResults(results: Array<{ layout: Layout; measured: Measured }>): void {
  const header = [
    'layout',
    'pinning',
    'trainings',
    'per minute',
    'training p50',
    '/predict n',
    'p50',
    'p99',
    '/add p99',
    'failed',
    'CPU s: instances / workers',
  ];
  const rows = results.map(({ layout, measured: { storm, outcome, perMinute, cpu } }) => [
    layout.label,
    layout.pinning,
    String(outcome.trainingMs.length),
    perMinute.toFixed(1),
    formatMs(percentile(outcome.trainingMs, 50)),
    String(storm.predict.length),
    formatMs(percentile(storm.predict, 50)),
    formatMs(percentile(storm.predict, 99)),
    formatMs(percentile(storm.add, 99)),
    String(outcome.failures.length + storm.unexpected.length),
    `${cpu.instances.toFixed(1)} / ${cpu.workers.toFixed(1)} in ${formatMs(outcome.durationMs)}`,
  ]);
  console.log(formatTable(header, rows));
  const [one, two] = results.map((r) => r.measured);
  if (!one || !two) return;
  const ratio = two.perMinute / one.perMinute;
  const p99One = percentile(one.storm.predict, 99);
  const p99Two = percentile(two.storm.predict, 99);
  console.log(
    `trainings per minute, two instances / one: ${ratio.toFixed(2)}x (goal >= ${GOAL_TRAININGS}: ${verdict(ratio >= GOAL_TRAININGS)})`,
  );
  console.log(
    `/predict p99, two instances / one: ${(p99Two / p99One).toFixed(2)} (${formatMs(p99Two)} vs ${formatMs(p99One)}; goal <= 1: ${verdict(p99Two <= p99One)})`,
  );
  for (const { layout, measured } of results) {
    if (!measured.queue) continue;
    const { waitMs, runMs } = measured.queue;
    console.log(
      `${layout.label}: ${runMs.length} training jobs in BullMQ's record: waiting in the queue p50 ${formatMs(percentile(waitMs, 50))}` +
        ` (max ${formatMs(Math.max(...waitMs))}), running on a worker p50 ${formatMs(percentile(runMs, 50))}; from /train to the` +
        ` result p50 ${formatMs(percentile(measured.outcome.trainingMs, 50))}`,
    );
  }
  for (const { layout, measured } of results)
    for (const text of [...measured.outcome.failures, ...measured.storm.unexpected].slice(0, 3))
      console.log(`  ${layout.label}: ${text}`);
}

/**
 * The class storm on one instance pinned to one core, then on two instances and two workers pinned to
 * the machine's cores: trainings finished per minute and /predict reply times, side by side.
 */
export async function runScaleBenchmark(): Promise<void> {
  const api = await startFakeBotApi();
  try {
    const { students, prepared, setupMs } = await setUpClass(api, 6_000_001, ROWS, 20_261_207);
    console.log(
      `\nScale-out: ${STUDENTS} students, ${ROWS} random rows x ${INPUTS} inputs each (setup ${formatMs(setupMs)}),` +
        ` pictures off. For ${STORM_WINDOW_MS / 1000} s every student keeps the largest training the limit allows going` +
        ` (rows x inputs x epochs <= ${MAX_COST.toLocaleString('en')}) and alternates /predict and /add every` +
        ` ${THINK_MS[0]}-${THINK_MS[1]} ms. Both layouts take updates by webhook from the same round-robin dispatcher` +
        ` (one target, or two); pacing taken out (20 ms per chat, 1000 calls/s); this machine has ${cpus().length} cores;` +
        ` the fake Bot API, the dispatcher, PostgreSQL and Redis are not pinned; training threads at nice` +
        ` ${NICE.WORKER_NICE ?? '19 (WORKER_NICE default)'}; load average at start ${loadavg()[0]?.toFixed(1)}.`,
    );
    const results: Array<{ layout: Layout; measured: Measured }> = [];
    for (const [i, layout] of LAYOUTS.entries())
      results.push({ layout, measured: await measureLayout(api, students, prepared, layout, 91 + i) });
    printResults(results);
    await rm(prepared, { recursive: true, force: true });
  } finally {
    await api.close();
  }
}
