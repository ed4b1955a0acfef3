import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExample } from '../../src/core/examples.js';
import { createModel } from '../../src/core/model.js';
import type { TrainProgress, TrainResult } from '../../src/core/train-types.js';
import { DEFAULT_SETTINGS, type Row } from '../../src/core/types.js';
import { createExecutor, INLINE_WORK_LIMIT, measureWork } from '../../src/training/choose-executor.js';
import type { ClosableExecutor } from '../../src/training/pool-executor.js';
import { createTrainingRunner, type TrainingJob } from '../../src/training/training-runner.js';

const lessonRows = (findExample('lesson') as { rows: Row[] }).rows;
const lessonJob = (epochs = 20_000): TrainingJob => ({
  model: createModel(DEFAULT_SETTINGS, 3),
  rows: lessonRows,
  epochs,
});
const wideRows = Array.from({ length: 1000 }, (_, r) => ({
  inputs: Array.from({ length: 32 }, (_, c) => ((r * 37 + c * 11) % 17) / 17),
  output: r % 2,
}));
/** 1000 rows x 32 inputs x 50,000 epochs: seconds of work, always stopped early here. */
const longJob = (): TrainingJob => ({
  model: createModel(DEFAULT_SETTINGS, 32),
  rows: wideRows,
  epochs: 50_000,
});
const quiet = () => ({ signal: new AbortController().signal, onProgress: () => {} });

/** Which comes first: the job's result, or an event-loop turn scheduled right after the job was given. */
async function raceWithNextTurn(executor: ClosableExecutor, job: TrainingJob): Promise<string[]> {
  const order: string[] = [];
  const done = executor(job, quiet()).then(() => order.push('job'));
  await new Promise<void>((resolve) => setImmediate(resolve));
  order.push('turn');
  await done;
  return order;
}

describe('measureWork', () => {
  it('counts the lesson as 4 rows x 3 inputs x 20,000 epochs, plus its evaluation', () => {
    expect(measureWork(lessonJob())).toBe(4 * 3 * (20_000 + 3_400));
  });

  it('counts the evaluation of a big table even when it trains for one epoch', () => {
    const rows = Array.from({ length: 1000 }, () => ({ inputs: new Array<number>(32).fill(1), output: 1 }));
    const job = { model: createModel(DEFAULT_SETTINGS, 32), rows, epochs: 1 };
    expect(measureWork(job)).toBeGreaterThan(INLINE_WORK_LIMIT);
  });

  it('counts the bias as one more column', () => {
    const job = { ...lessonJob(10), model: createModel({ ...DEFAULT_SETTINGS, bias: true }, 3) };
    expect(measureWork(job)).toBe(4 * 4 * (10 + 3_400));
  });
});

describe('createExecutor', () => {
  let executor: ClosableExecutor;
  beforeAll(() => {
    executor = createExecutor({ threads: 2, progressIntervalMs: 5 });
  });
  afterAll(() => executor.close());

  it('trains the lesson inline: it returns before the next turn of the event loop', async () => {
    expect(measureWork(lessonJob())).toBeLessThan(INLINE_WORK_LIMIT);
    expect(await raceWithNextTurn(executor, lessonJob())).toEqual(['job', 'turn']);
  });

  it('sends a job at or above the limit to a worker: the event loop turns first', async () => {
    const small = createExecutor({ threads: 1, inlineWorkLimit: measureWork(lessonJob()) });
    try {
      expect(await raceWithNextTurn(small, lessonJob())).toEqual(['turn', 'job']);
    } finally {
      await small.close();
    }
  });

  it('stopAll of a runner stops inline, running and queued jobs and waits for all', async () => {
    const runner = createTrainingRunner(executor);
    let markProgressed = (): void => {};
    const progressed = new Promise<void>((resolve) => {
      markProgressed = resolve;
    });
    const onProgress = (p: TrainProgress): void => {
      if (p.epoch < p.epochs) markProgressed();
    };
    const big = ['a', 'b', 'c'].map((key) => runner.start(key, longJob(), onProgress));
    await progressed;
    const inline = runner.start('d', lessonJob(), () => {});
    const settled: TrainResult[] = [];
    for (const run of [...big, inline]) run.done.then((result) => settled.push(result));
    await runner.stopAll();
    expect(settled).toHaveLength(4);
    expect(settled.map((result) => result.stopped)).toEqual([true, true, true, true]);
    expect(runner.size()).toBe(0);
  });
});

describe('close', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'perceptron-executor-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('leaves no open handles, also with a job still running: the process exits by itself', async () => {
    const source = (path: string): string => new URL(path, import.meta.url).href;
    const script = join(folder, 'close-check.mjs');
    await writeFile(
      script,
      [
        `const { createExecutor } = await import('${source('../../src/training/choose-executor.ts')}');`,
        `const { createModel } = await import('${source('../../src/core/model.ts')}');`,
        `const { DEFAULT_SETTINGS } = await import('${source('../../src/core/types.ts')}');`,
        'const executor = createExecutor({ threads: 2, inlineWorkLimit: 1000 });',
        'const rows = [{ inputs: [0, 0, 1], output: 0 }, { inputs: [1, 1, 1], output: 1 }];',
        'const job = { model: createModel(DEFAULT_SETTINGS, 3), rows, epochs: 20000 };',
        'const options = { signal: new AbortController().signal, onProgress: () => {} };',
        'const done = await Promise.all([executor(job, options), executor({ ...job, epochs: 10 }, options)]);',
        'const running = executor({ ...job, epochs: 1e9 }, options).then(() => "finished", () => "rejected");',
        'await executor.close();',
        '// stdout and stderr are the only handles that may stay.',
        'const handles = process.getActiveResourcesInfo().filter((name) => !/^(TTY|Pipe)Wrap$/.test(name));',
        'console.log(JSON.stringify({ epochs: done.map((r) => r.epochsRun), running: await running, handles }));',
      ].join('\n'),
    );
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ['--import', tsx, script], { timeout: 25_000 });
    expect(JSON.parse(stdout)).toEqual({ epochs: [20_000, 10], running: 'rejected', handles: [] });
  });
});
