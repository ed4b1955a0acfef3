import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { FakeBotApi } from '../src/dev/fake-bot-api.js';
import { readResidentMb } from '../src/dev/resident-memory.js';
import type { LimiterStats, OutgoingLimiterOptions } from '../src/telegram/rate-limit.js';
import type { PictureTimes } from './picture-times.js';

const ENTRY = fileURLToPath(new URL('./bench-bot-main.ts', import.meta.url));

/** Garbage-collection pauses of the bot's main thread of one kind since the previous sample. */
export interface GcPauses {
  count: number;
  totalMs: number;
  maxMs: number;
}

/** What the bot process reports: event-loop delay (ms) since the previous sample, and its limiter's counters. */
export interface BotSample {
  eventLoop: { p50: number; p99: number; max: number };
  /** Scavenges of the young generation (minor) and full mark-compact collections (major). */
  gc: { minor: GcPauses; major: GcPauses };
  limiter: LimiterStats;
  /** Pictures made since the previous sample: times in the worker, and from request to PNG. */
  pictures: PictureTimes;
}

export interface BenchBotOptions {
  api: FakeBotApi;
  dataDir: string;
  outgoing?: Partial<Omit<OutgoingLimiterOptions, 'clock' | 'onEvent'>>;
  progressIntervalMs?: { private: number; group: number };
  /** More environment, e.g. MESSAGES_PER_MINUTE. */
  env?: Record<string, string>;
}

/** A bot in its own process, so that its event loop is not the one measuring it. */
export interface BenchBot {
  /** Milliseconds from spawn until the bot had connected and published its menus. */
  readonly startupMs: number;
  /** The bot process's resident memory, worker threads included, in MB (read from /proc). */
  residentMb(): Promise<number>;
  sample(): Promise<BotSample>;
  /** SIGTERM, the way a service manager stops the bot; resolves with the last sample once it has exited. */
  stop(): Promise<BotSample>;
}

function environment(options: BenchBotOptions): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    BOT_TOKEN: options.api.token,
    TELEGRAM_API_ROOT: options.api.apiRoot,
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'warn',
    BENCH_OUTGOING: JSON.stringify(options.outgoing ?? {}),
    ...(options.progressIntervalMs ? { BENCH_PROGRESS_MS: JSON.stringify(options.progressIntervalMs) } : {}),
    ...options.env,
  };
}

/** Reads the JSON lines the bot writes, each resolving the oldest waiting call. */
function readSamples(child: ChildProcess): () => Promise<BotSample> {
  const waiting: Array<(sample: BotSample) => void> = [];
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  lines.on('line', (line) => {
    if (line.startsWith('{')) waiting.shift()?.(JSON.parse(line) as BotSample);
    else process.stderr.write(`${line}\n`);
  });
  return () => new Promise((resolve) => waiting.push(resolve));
}

/**
 * Starts bench-bot-main.ts under tsx and resolves once the bot is connected. With BENCH_CPU_PROFILE_DIR set,
 * the bot writes its threads' CPU profiles there when it exits (open them in Chrome's DevTools).
 */
export async function startBenchBot(options: BenchBotOptions): Promise<BenchBot> {
  const startedAt = performance.now();
  const profile = process.env.BENCH_CPU_PROFILE_DIR;
  const profiling = profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [];
  const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...profiling, ...flags, '--import', 'tsx', ENTRY], {
    env: environment(options),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const next = readSamples(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await Promise.race([
    next(),
    exited.then((code) => {
      throw new Error(`the bench bot exited with code ${code} before it was ready`);
    }),
  ]);
  const startupMs = performance.now() - startedAt;
  return {
    startupMs,
    residentMb: () => readResidentMb(child.pid as number),
    sample() {
      const sample = next();
      child.kill('SIGUSR2');
      return sample;
    },
    async stop() {
      const last = next();
      child.kill('SIGTERM');
      const code = await exited;
      if (code !== 0) throw new Error(`the bench bot exited with code ${code}`);
      return last;
    },
  };
}
