import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExample } from '../../src/core/examples.js';
import { createModel } from '../../src/core/model.js';
import type { TrainProgress } from '../../src/core/train-types.js';
import { DEFAULT_SETTINGS, type ModelSettings, type Row } from '../../src/core/types.js';
import { runInline } from '../../src/training/inline-executor.js';
import { type ClosableExecutor, createPoolExecutor } from '../../src/training/pool-executor.js';
import { trainAndEvaluate } from '../../src/training/train-and-evaluate.js';
import type { TrainingJob, TrainingOutcome } from '../../src/training/training-runner.js';

const lessonRows = (findExample('lesson') as { rows: Row[] }).rows;

/** Rows with inputs in [0, 1) from a fixed formula, labelled by the sign of a fixed plane. */
function makeRows(count: number, inputs: number): Row[] {
  return Array.from({ length: count }, (_, r) => {
    const values = Array.from({ length: inputs }, (_, c) => ((r * 37 + c * 11) % 17) / 17);
    const sum = values.reduce((total, value, c) => total + (c % 2 === 0 ? value : -value), 0);
    return { inputs: values, output: sum > 0 ? 1 : 0 };
  });
}

function makeJob(rows: Row[], epochs: number, settings: Partial<ModelSettings> = {}): TrainingJob {
  const inputs = rows[0]?.inputs.length ?? 0;
  return { model: createModel({ ...DEFAULT_SETTINGS, ...settings }, inputs), rows, epochs };
}

/** 1000 rows x 32 inputs x 50,000 epochs: seconds of work, always stopped early here. */
const longJob = (): TrainingJob => makeJob(makeRows(1000, 32), 50_000);

interface Started {
  controller: AbortController;
  progress: TrainProgress[];
  /** Resolves at the first progress reported before the end. */
  progressed: Promise<void>;
  done: Promise<TrainingOutcome>;
  finished: () => boolean;
}

function start(executor: ClosableExecutor, job: TrainingJob): Started {
  const controller = new AbortController();
  const progress: TrainProgress[] = [];
  let markProgressed = (): void => {};
  const progressed = new Promise<void>((resolve) => {
    markProgressed = resolve;
  });
  const onProgress = (p: TrainProgress): void => {
    progress.push(p);
    if (p.epoch < p.epochs) markProgressed();
  };
  let finished = false;
  const done = executor(job, { signal: controller.signal, onProgress });
  const markFinished = (): void => {
    finished = true;
  };
  done.then(markFinished, markFinished);
  return { controller, progress, progressed, done, finished: () => finished };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('createPoolExecutor on two worker threads', () => {
  let pool: ClosableExecutor;
  beforeAll(() => {
    pool = createPoolExecutor({ threads: 2, progressIntervalMs: 5 });
  });
  afterAll(() => pool.close());

  it.each([
    ['the lesson', makeJob(lessonRows, 20_000)],
    [
      'a model with a bias and a slower rate',
      makeJob(makeRows(40, 6), 3_000, { bias: true, learningRate: 0.3 }),
    ],
    ['the step activation', makeJob(makeRows(25, 4), 500, { activation: 'step', seed: 7 })],
  ])('returns exactly what training and evaluating inline return for %s', async (_, job) => {
    const result = await start(pool, job).done;
    // Everything but the time it took.
    expect({ ...result, elapsedMs: 0 }).toEqual({ ...trainAndEvaluate(job, {}), elapsedMs: 0 });
    expect(result.elapsedMs).toBeGreaterThan(0);
    expect(result.evaluation?.outputs).toHaveLength(job.rows.length);
    expect(result.stopped).toBe(false);
  });

  it('reports progress from the worker, all of it before the result, the last matching the result', async () => {
    const job = makeJob(makeRows(200, 16), 20_000);
    const run = start(pool, job);
    const result = await run.done;
    expect(run.progress.length).toBeGreaterThan(1);
    const epochs = run.progress.map((p) => p.epoch);
    expect(epochs).toEqual([...epochs].sort((a, b) => a - b));
    expect(run.progress.at(-1)).toEqual({ epoch: 20_000, epochs: 20_000, loss: result.loss });
  });

  it('stops a running job after its first progress and returns the weights it reached', async () => {
    const job = longJob();
    const run = start(pool, job);
    await run.progressed;
    run.controller.abort();
    const result = await run.done;
    expect(result.stopped).toBe(true);
    expect(result.epochsRun).toBeGreaterThanOrEqual(1);
    expect(result.epochsRun).toBeLessThan(job.epochs);
    expect(result.model.epochsTrained).toBe(result.epochsRun);
    expect(result.model.weights).not.toEqual(job.model.weights);
  });

  it('stops a queued job at once, while the jobs ahead of it still run, with its model unchanged', async () => {
    const ahead = [start(pool, longJob()), start(pool, longJob())];
    const job = makeJob(lessonRows, 20_000);
    const queued = start(pool, job);
    await Promise.all(ahead.map((run) => run.progressed));
    queued.controller.abort();
    const result = await queued.done;
    expect(ahead.some((run) => run.finished())).toBe(false);
    for (const run of ahead) run.controller.abort();
    expect(result).toMatchObject({ stopped: true, epochsRun: 0 });
    expect(result.model).toEqual(job.model);
    expect((await Promise.all(ahead.map((run) => run.done))).map((r) => r.stopped)).toEqual([true, true]);
  });

  it('returns the model unchanged when the signal aborted before the job was given', async () => {
    const job = makeJob(lessonRows, 20_000);
    const controller = new AbortController();
    controller.abort();
    const result = await pool(job, { signal: controller.signal, onProgress: () => {} });
    expect(result).toMatchObject({ stopped: true, epochsRun: 0 });
    expect(result.model).toEqual(job.model);
  });

  it('keeps the main thread free while a big job runs', async () => {
    const run = start(pool, longJob());
    await run.progressed;
    const order: string[] = [];
    run.done.then(() => order.push('big job returned'));
    await nextTurn();
    order.push('event loop turned');
    await runInline(makeJob(lessonRows, 20_000), {
      signal: new AbortController().signal,
      onProgress: () => {},
    });
    order.push('small inline job trained');
    run.controller.abort();
    const result = await run.done;
    expect(order).toEqual(['event loop turned', 'small inline job trained', 'big job returned']);
    expect(result.stopped).toBe(true);
  });

  it('runs two jobs in parallel: both progress before either returns', async () => {
    const runs = [start(pool, longJob()), start(pool, longJob())];
    await Promise.all(runs.map((run) => run.progressed));
    expect(runs.map((run) => run.finished())).toEqual([false, false]);
    for (const run of runs) run.controller.abort();
    const results = await Promise.all(runs.map((run) => run.done));
    expect(results.map((result) => result.stopped)).toEqual([true, true]);
  });

  it('rejects with the RangeError trainModel throws for rows that do not fit', async () => {
    const job = { ...makeJob(lessonRows, 10), rows: [{ inputs: [1, 2], output: 1 }] };
    await expect(start(pool, job).done).rejects.toThrow(/expected 3 inputs/);
  });

  it('rejects with the error of a progress listener that throws, and stops the job', async () => {
    const controller = new AbortController();
    const failing = new Error('listener failed');
    const done = pool(longJob(), {
      signal: controller.signal,
      onProgress: () => {
        throw failing;
      },
    });
    await expect(done).rejects.toBe(failing);
  });
});

describe('createPoolExecutor options', () => {
  it('fails with a clear message when the worker file is missing', () => {
    const workerFile = new URL('./no-such-worker.js', import.meta.url);
    expect(() => createPoolExecutor({ threads: 1, workerFile })).toThrow(/training worker not found/);
  });

  it('refuses a negative or fractional thread count', () => {
    expect(() => createPoolExecutor({ threads: -1 })).toThrow(RangeError);
    expect(() => createPoolExecutor({ threads: 1.5 })).toThrow(RangeError);
  });
});

describe('createPoolExecutor shutdown', () => {
  it('closes cleanly right after stopping running and queued jobs', async () => {
    const pool = createPoolExecutor({ threads: 2, progressIntervalMs: 5 });
    const runs = [start(pool, longJob()), start(pool, longJob()), start(pool, longJob())];
    await runs[0]?.progressed;
    for (const run of runs) run.controller.abort();
    const results = await Promise.all(runs.map((run) => run.done));
    await pool.close();
    expect(results.map((result) => result.stopped)).toEqual([true, true, true]);
  });
});
