// The bot as dist/main.js runs it, plus what a benchmark needs and main.ts does not take: limiter and progress
// options from BENCH_OUTGOING and BENCH_PROGRESS_MS (JSON), and a JSON line on stdout for each sample asked
// (event-loop delay, garbage-collection pauses, limiter counters, picture times).
// Started by startBenchBot; SIGUSR2 asks for a sample, SIGTERM stops the bot the way main.ts does.
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { createApp } from '../src/app.js';
import { parseConfig } from '../src/config/config.js';
import { createLogger } from '../src/config/logger.js';
import { timePictures } from './picture-times.js';

const config = parseConfig(process.env, { requireToken: true });
const token = config.botToken ?? '';
const logger = createLogger({ level: config.logLevel, secrets: [token], destination: process.stderr });
const progress = process.env.BENCH_PROGRESS_MS;
const app = createApp({ ...config, botToken: token }, logger, {
  outgoing: JSON.parse(process.env.BENCH_OUTGOING ?? '{}'),
  ...(progress ? { progressIntervalMs: JSON.parse(progress) } : {}),
});
const delay = monitorEventLoopDelay({ resolution: 5 });
const pictures = timePictures(app.deps.pictures);
app.deps.pictures = pictures.renderer;
const pauses = { minor: [] as number[], major: [] as number[] };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) pauses.minor.push(entry.duration);
    else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) pauses.major.push(entry.duration);
  }
}).observe({ entryTypes: ['gc'] });
const pauseSummary = (times: number[]) => ({
  count: times.length,
  totalMs: Math.round(times.reduce((a, b) => a + b, 0)),
  maxMs: Math.round(Math.max(0, ...times) * 10) / 10,
});

/** Event-loop delay since the last sample (milliseconds) and the limiter's counters so far. */
function writeSample(type: 'ready' | 'sample' | 'stopped'): void {
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const eventLoop = { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) };
  const gc = { minor: pauseSummary(pauses.minor), major: pauseSummary(pauses.major) };
  const sample = { type, eventLoop, gc, limiter: app.deps.outgoing.stats(), pictures: pictures.take() };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
  delay.reset();
  pauses.minor.length = 0;
  pauses.major.length = 0;
}

process.on('SIGUSR2', () => writeSample('sample'));
process.once('SIGTERM', () => {
  app.stop('SIGTERM').then(
    () => {
      writeSample('stopped');
      process.exit(0);
    },
    (error: unknown) => {
      logger.fatal({ err: error }, 'could not stop cleanly');
      process.exit(1);
    },
  );
});
await app.start();
delay.enable();
writeSample('ready');
