import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { KernelFactory, KernelProblem } from '../src/core/kernel/kernel-types.js';
import { createReferenceKernel } from '../src/core/kernel/reference-kernel.js';
import { createWasmKernel } from '../src/core/kernel/wasm-kernel.js';

interface NumpyResult {
  times: number[];
  weights: number[];
  initial?: number[];
  prediction?: number;
  config: Record<string, unknown>;
  maxrss_kb: number;
}

interface Row {
  job: string;
  ours: number;
  numpy: number;
  goal?: number;
}

const LESSON_EPOCHS = 20_000;
const BATCH_EPOCHS = 5000;
const TOLERANCE = 1e-9;
const script = fileURLToPath(new URL('numpy-lesson.py', import.meta.url));

/** The lesson's numpy program, run by python3 with timing inside Python; seconds become milliseconds. */
function runNumpy(mode: 'lesson' | 'batch', repeats: number, input?: unknown): NumpyResult {
  const child = spawnSync('python3', [script, mode, String(repeats)], {
    input: input === undefined ? '' : JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`python3 ${mode} failed: ${child.error ?? child.stderr}`);
  const result = JSON.parse(child.stdout) as NumpyResult;
  return { ...result, times: result.times.map((seconds) => seconds * 1000) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Median milliseconds of creating a kernel and running it, after one warm-up run. */
function timeKernel(factory: KernelFactory, problem: KernelProblem, epochs: number, repeats: number): number {
  const times: number[] = [];
  for (let i = 0; i <= repeats; i++) {
    const start = performance.now();
    const kernel = factory(problem);
    kernel.run(epochs);
    kernel.dispose();
    if (i > 0) times.push(performance.now() - start);
  }
  return median(times);
}

function trainWeights(factory: KernelFactory, problem: KernelProblem, epochs: number): Float64Array {
  const kernel = factory(problem);
  kernel.run(epochs);
  return kernel.readWeights();
}

/** Largest difference relative to the largest expected magnitude; throws past the tolerance. */
function compare(what: string, actual: ArrayLike<number>, expected: ArrayLike<number>): string {
  const scale = Math.max(...Array.from(expected, Math.abs));
  const difference =
    Math.max(...Array.from(actual, (value, i) => Math.abs(value - (expected[i] as number)))) / scale;
  if (!(difference <= TOLERANCE)) throw new Error(`${what}: relative difference ${difference}`);
  return `check ${what}: relative difference ${difference.toExponential(1)} (must be <= ${TOLERANCE})`;
}

/** 1,000 rows of 32 random 0/1 inputs and 0/1 targets, from a fixed seed (mulberry32). */
function makeBatchProblem(seed: number): KernelProblem {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const rows = 1000;
  const cols = 32;
  const x = Float64Array.from({ length: rows * cols }, () => (random() < 0.5 ? 0 : 1));
  const y = Float64Array.from({ length: rows }, () => (random() < 0.5 ? 0 : 1));
  const weights = Float64Array.from({ length: cols }, () => 2 * random() - 1);
  return { rows, cols, x, y, weights, learningRate: 1, activation: 'sigmoid' };
}

function formatRow(row: Row): string {
  const ratio = row.numpy / row.ours;
  const verdict =
    row.goal === undefined ? '(info)' : `>= ${row.goal}x ${ratio >= row.goal ? 'met' : 'MISSED'}`;
  const cells = [
    row.job.padEnd(36),
    `${row.ours.toFixed(2)} ms`.padStart(11),
    `${row.numpy.toFixed(2)} ms`.padStart(11),
  ];
  return `| ${cells.join(' | ')} | ${`${ratio.toFixed(ratio < 10 ? 2 : 1)}x`.padStart(12)} | ${verdict.padEnd(14)} |`;
}

/** A wasm row (with its goal) and a reference row (for information) for one job. */
function timeKernels(
  job: string,
  problem: KernelProblem,
  epochs: number,
  numpy: number,
  goal: number,
): Row[] {
  const referenceRepeats = problem.rows * problem.cols * epochs > 1e7 ? 2 : 21;
  return [
    { job: `${job}: wasm`, ours: timeKernel(createWasmKernel, problem, epochs, 21), numpy, goal },
    {
      job: `${job}: reference TS`,
      ours: timeKernel(createReferenceKernel, problem, epochs, referenceRepeats),
      numpy,
    },
  ];
}

interface Section {
  rows: Row[];
  checks: string[];
  numpy: NumpyResult;
}

/** (a) The lesson: our kernels against the lesson's own numpy program, started from its weights. */
function measureLesson(): Section {
  const numpy = runNumpy('lesson', 5);
  const lesson: KernelProblem = {
    rows: 4,
    cols: 3,
    x: Float64Array.of(0, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1),
    y: Float64Array.of(0, 1, 1, 0),
    weights: Float64Array.from(numpy.initial ?? []),
    learningRate: 1,
    activation: 'sigmoid',
  };
  const weights = trainWeights(createWasmKernel, lesson, LESSON_EPOCHS);
  // The lesson asks about the input [1, 1, 0].
  const prediction = 1 / (1 + Math.exp(-((weights[0] as number) + (weights[1] as number))));
  const checks = [
    compare('lesson weights, wasm vs numpy', weights, numpy.weights),
    compare('lesson prediction, wasm vs numpy', [prediction], [numpy.prediction ?? Number.NaN]),
    `lesson prediction for [1, 1, 0]: wasm ${prediction}, numpy ${numpy.prediction}`,
  ];
  const rows = timeKernels('lesson 4x3, 20k epochs', lesson, LESSON_EPOCHS, median(numpy.times), 20);
  return { rows, checks, numpy };
}

/** (b) The largest job the bot allows, the same update in numpy on the same data. */
function measureBatch(): Section {
  const problem = makeBatchProblem(20_240_601);
  const weights = trainWeights(createWasmKernel, problem, BATCH_EPOCHS);
  const reference = trainWeights(createReferenceKernel, problem, BATCH_EPOCHS);
  const checks = [compare('1000x32 weights, wasm vs reference', weights, reference)];
  const x = Array.from({ length: problem.rows }, (_, r) => [...problem.x.subarray(r * 32, (r + 1) * 32)]);
  const input = {
    x,
    y: [...problem.y],
    w: [...problem.weights],
    lr: problem.learningRate,
    epochs: BATCH_EPOCHS,
  };
  const numpy = runNumpy('batch', 7, input);
  checks.push(compare('1000x32 weights, wasm vs numpy', weights, numpy.weights));
  const rows = timeKernels('1000x32, 5k epochs', problem, BATCH_EPOCHS, median(numpy.times), 1);
  return { rows, checks, numpy };
}

/** Times the wasm kernel (and the reference kernel) against numpy on the lesson and the largest job. */
export async function runCoreSpeedBenchmark(): Promise<void> {
  const lesson = measureLesson();
  const rssBefore = process.memoryUsage.rss() / 2 ** 20;
  const batch = measureBatch();
  const config = Object.entries(batch.numpy.config).map(([key, value]) => `${key}=${value}`);
  console.log("\nCore speed: one training job, ours vs the lesson's numpy (medians after a warm-up run)");
  console.log(`numpy side: ${config.join(', ')}`);
  console.log(
    `| ${'job'.padEnd(36)} | ${'ours'.padStart(11)} | ${'numpy'.padStart(11)} | numpy / ours | goal           |`,
  );
  console.log(`|${'-'.repeat(38)}|${'-'.repeat(13)}|${'-'.repeat(13)}|--------------|----------------|`);
  for (const row of [...lesson.rows, ...batch.rows]) console.log(formatRow(row));
  for (const check of [...lesson.checks, ...batch.checks]) console.log(check);
  const nodeMb = process.resourceUsage().maxRSS / 1024;
  const pythonMb = batch.numpy.maxrss_kb / 1024;
  console.log(
    `peak RSS: node ${nodeMb.toFixed(1)} MB (whole bench process; ${rssBefore.toFixed(1)} MB before the 1000x32 part),` +
      ` python ${pythonMb.toFixed(1)} MB (the 1000x32 process)`,
  );
}
