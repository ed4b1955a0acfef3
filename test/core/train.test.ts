import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../src/core/evaluate.js';
import { EXAMPLES, findExample } from '../../src/core/examples.js';
import type { KernelFactory } from '../../src/core/kernel/kernel-types.js';
import { createReferenceKernel } from '../../src/core/kernel/reference-kernel.js';
import { createModel } from '../../src/core/model.js';
import { trainModel } from '../../src/core/train.js';
import type { TrainProgress, TrainResult } from '../../src/core/train-types.js';
import {
  type Activation,
  DEFAULT_SETTINGS,
  LOSS_HISTORY_LIMIT,
  type ModelState,
  type Row,
} from '../../src/core/types.js';
import { planSnapshots } from '../../src/core/weight-snapshots.js';

interface TrainingCase {
  name: string;
  seed: number;
  epochs: number;
  learningRate: number;
  activation: Activation;
  bias: boolean;
  x: number[][];
  y: number[];
  initialWeights: number[];
  weights: number[];
  initialBias?: number;
  finalBias?: number;
  outputs: number[];
  loss: number;
  /** Present where numpy's BLAS summation order visibly changes the result: the kernel's own order. */
  weightsInRowOrder?: number[];
}

const reference: { training: TrainingCase[] } = JSON.parse(
  readFileSync(new URL('../fixtures/numpy-reference.json', import.meta.url), 'utf8'),
);

/** Relative tolerance against numpy: |a - b| <= 1e-9 * max(1, |b|). */
function expectClose(actual: readonly number[], expected: readonly number[], tolerance = 1e-9): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => {
    const want = expected[i] as number;
    expect(Math.abs(value - want), `index ${i}: ${value} vs ${want}`).toBeLessThanOrEqual(
      tolerance * Math.max(1, Math.abs(want)),
    );
  });
}

const lessonRows = (findExample('lesson') as { rows: Row[] }).rows;
const lessonModel = () => createModel(DEFAULT_SETTINGS, 3);

describe('trainModel against numpy', () => {
  it.each(reference.training)('matches numpy for "$name"', (entry) => {
    const { seed, epochs, learningRate, activation, bias } = entry;
    const model = createModel({ seed, epochs, learningRate, activation, bias }, entry.x[0]?.length ?? 0);
    expect(model.initialWeights).toEqual(entry.initialWeights);
    expect(model.initialBias).toBe(entry.initialBias);
    const rows = entry.x.map((inputs, i) => ({ inputs, output: entry.y[i] as number }));
    const result = trainModel(model, rows, { epochs });
    const tolerance = entry.weightsInRowOrder ? 1e-7 : 1e-9;
    expectClose(result.model.weights, entry.weights, tolerance);
    if (entry.weightsInRowOrder) {
      // The plain kernel adds in row order, as this fixture does; faster kernels may add in another order.
      const inOrder = trainModel(model, rows, { epochs, kernel: createReferenceKernel });
      expectClose(inOrder.model.weights, entry.weightsInRowOrder);
    }
    if (bias) expectClose([result.model.bias as number], [entry.finalBias as number]);
    expectClose(evaluateModel(result.model, rows).outputs, entry.outputs, tolerance);
    expectClose([result.loss], [entry.loss], tolerance);
    expect(result).toMatchObject({ epochsRun: epochs, stopped: false, diverged: false });
    expect(result.model.epochsTrained).toBe(epochs);
  });
});

describe('trainModel', () => {
  it('leaves the model it was given unchanged', () => {
    const model = lessonModel();
    const before = structuredClone(model);
    trainModel(model, lessonRows, { epochs: 50 });
    expect(model).toEqual(before);
  });

  it('continues from the current weights: 10,000 and 10,000 more equal 20,000 at once', () => {
    const once = trainModel(lessonModel(), lessonRows, { epochs: 20_000 });
    const half = trainModel(lessonModel(), lessonRows, { epochs: 10_000 });
    const twice = trainModel(half.model, lessonRows, { epochs: 10_000 });
    expectClose(twice.model.weights, once.model.weights, 1e-12);
    expect(twice.model.epochsTrained).toBe(20_000);
    expect(twice.model.lossHistory).toEqual(once.model.lossHistory);
  });

  it('stops at once when the signal is already aborted', () => {
    const model = lessonModel();
    const result = trainModel(model, lessonRows, { epochs: 1000, signal: AbortSignal.abort() });
    expect(result).toMatchObject({ epochsRun: 0, stopped: true });
    expect(result.model.weights).toEqual(model.weights);
    expect(result.model.epochsTrained).toBe(0);
    expect(result.loss).toBeGreaterThan(0);
  });

  it('stops when aborted during training and keeps the weights reached', () => {
    const controller = new AbortController();
    const model = lessonModel();
    const result = trainModel(model, lessonRows, {
      epochs: 20_000,
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (progress) => {
        if (progress.epoch >= 100) controller.abort();
      },
    });
    expect(result.stopped).toBe(true);
    expect(result.epochsRun).toBeGreaterThanOrEqual(100);
    expect(result.epochsRun).toBeLessThan(20_000);
    expect(result.model.epochsTrained).toBe(result.epochsRun);
    expect(result.model.weights).not.toEqual(model.weights);
  });

  it('polls between chunks so a poll can abort', () => {
    const controller = new AbortController();
    let polls = 0;
    const poll = () => {
      polls += 1;
      if (polls === 3) controller.abort();
    };
    const result = trainModel(lessonModel(), lessonRows, { epochs: 20_000, signal: controller.signal, poll });
    expect(polls).toBe(3);
    expect(result.stopped).toBe(true);
    expect(result.epochsRun).toBeGreaterThan(0);
  });

  it('reports progress often when the interval is 0, and always at the end', () => {
    const calls: TrainProgress[] = [];
    const result = trainModel(lessonModel(), lessonRows, {
      epochs: 5000,
      progressIntervalMs: 0,
      onProgress: (p) => calls.push(p),
    });
    expect(calls.length).toBeGreaterThan(20);
    expect(calls.at(-1)).toEqual({ epoch: 5000, epochs: 5000, loss: result.loss });
    expect(calls.map((p) => p.epoch)).toEqual([...calls.map((p) => p.epoch)].sort((a, b) => a - b));
  });

  it('reports progress once, at the end, when the interval is long', () => {
    const calls: TrainProgress[] = [];
    trainModel(lessonModel(), lessonRows, {
      epochs: 5000,
      progressIntervalMs: 1e9,
      onProgress: (p) => calls.push(p),
    });
    expect(calls.map((p) => p.epoch)).toEqual([5000]);
  });

  it('keeps the loss history within the limit over many continuations, first and latest included', () => {
    let model = lessonModel();
    for (let i = 1; i <= 300; i++) {
      model = trainModel(model, lessonRows, { epochs: (i * 37) % 500 || 1 }).model;
      const epochs = model.lossHistory.map((point) => point.epoch);
      expect(epochs.length).toBeLessThanOrEqual(LOSS_HISTORY_LIMIT);
      expect(epochs[0]).toBe(1);
      expect(epochs.at(-1)).toBe(model.epochsTrained);
      expect(epochs.every((epoch, j) => j === 0 || epoch > (epochs[j - 1] as number))).toBe(true);
    }
    expect(model.lossHistory.length).toBeGreaterThan(LOSS_HISTORY_LIMIT / 2);
  });

  it('records the loss of the first epoch as the first history point', () => {
    const result = trainModel(lessonModel(), lessonRows, { epochs: 1 });
    expect(result.model.lossHistory).toEqual([{ epoch: 1, loss: result.loss }]);
  });

  it('runs the kernel it is given and frees it', () => {
    let disposed = 0;
    const kernel = trainModel(lessonModel(), lessonRows, {
      epochs: 10,
      kernel: (problem) => {
        expect(problem).toMatchObject({ rows: 4, cols: 3, learningRate: 1, activation: 'sigmoid' });
        const inner = createReferenceKernel(problem);
        return { ...inner, dispose: () => (disposed += 1) };
      },
    });
    expect(kernel.epochsRun).toBe(10);
    expect(disposed).toBe(1);
  });

  it('reaches 100% on "and" with the step activation', () => {
    const and = findExample('and') as { rows: Row[] };
    const model = createModel({ ...DEFAULT_SETTINGS, activation: 'step' }, 3);
    const trained = trainModel(model, and.rows, { epochs: 100 }).model;
    expect(evaluateModel(trained, and.rows).accuracy).toBe(1);
  });

  it.each(EXAMPLES.filter((example) => example.name !== 'xor'))(
    'learns the "$name" example fully with the default settings',
    (example) => {
      const model = createModel(
        { ...DEFAULT_SETTINGS, bias: example.bias },
        example.rows[0]?.inputs.length ?? 0,
      );
      const trained = trainModel(model, example.rows, { epochs: DEFAULT_SETTINGS.epochs }).model;
      expect(evaluateModel(trained, example.rows).accuracy).toBe(1);
    },
  );

  it('rejects rows of the wrong width, no rows and bad epoch counts', () => {
    const model = lessonModel();
    expect(() => trainModel(model, [{ inputs: [1, 0], output: 1 }], { epochs: 1 })).toThrow(RangeError);
    expect(() => trainModel(model, [], { epochs: 1 })).toThrow(RangeError);
    for (const epochs of [0, -1, 1.5, Number.NaN]) {
      expect(() => trainModel(model, lessonRows, { epochs })).toThrow(RangeError);
    }
  });
});

/** Every number a stored model holds: weights, bias and the loss curve. */
function numbersOf(model: ModelState): number[] {
  return [
    ...model.weights,
    model.bias ?? 0,
    ...model.lossHistory.flatMap((point) => [point.epoch, point.loss]),
  ];
}

function expectStorable(result: TrainResult): void {
  expect(numbersOf(result.model).every(Number.isFinite)).toBe(true);
  expect(Number.isFinite(result.loss)).toBe(true);
  expect(JSON.parse(JSON.stringify(result.model))).toEqual(result.model);
}

const hugeLessonRow = (inputs: number[]): Row[] => [...lessonRows, { inputs, output: 1 }];
const kernels = [
  { name: 'the default kernel', kernel: undefined },
  { name: 'the reference kernel', kernel: createReferenceKernel },
];

describe('trainModel loss history and progress', () => {
  const epochsOf = (model: ModelState) => model.lossHistory.map((point) => point.epoch);
  const lossAfter = (epochs: number) => trainModel(lessonModel(), lessonRows, { epochs, stop: false }).loss;

  it('keeps every epoch while they fit in the history', () => {
    const { model } = trainModel(lessonModel(), lessonRows, { epochs: LOSS_HISTORY_LIMIT - 2 });
    expect(epochsOf(model)).toEqual(Array.from({ length: LOSS_HISTORY_LIMIT - 2 }, (_, i) => i + 1));
  });

  it('samples a longer run on the smallest power of two that fits, first and last epoch kept', () => {
    // 1000 epochs: 1000 / 4 = 250 points would not fit in 198, 1000 / 8 = 125 do.
    const { model, loss } = trainModel(lessonModel(), lessonRows, { epochs: 1000 });
    expect(epochsOf(model)).toEqual([1, ...Array.from({ length: 125 }, (_, i) => (i + 1) * 8)]);
    expect(model.lossHistory.at(-1)?.loss).toBe(loss);
    expect(model.lossHistory[1]).toEqual({ epoch: 8, loss: lossAfter(8) });
    const odd = trainModel(lessonModel(), lessonRows, { epochs: 1001 }).model;
    expect(epochsOf(odd).slice(-3)).toEqual([992, 1000, 1001]);
  });

  it('thins the history of a continued run to the stride of the whole', () => {
    const first = trainModel(lessonModel(), lessonRows, { epochs: 1000 }).model;
    const { model } = trainModel(first, lessonRows, { epochs: 1000 });
    // 2000 epochs: stride 16.
    expect(epochsOf(model)).toEqual([1, ...Array.from({ length: 125 }, (_, i) => (i + 1) * 16)]);
  });

  it('reports progress in the run’s own epochs, each epoch once, with the loss reached there', () => {
    const calls: TrainProgress[] = [];
    const start = trainModel(lessonModel(), lessonRows, { epochs: 10 }).model;
    trainModel(start, lessonRows, { epochs: 300, progressIntervalMs: 0, onProgress: (p) => calls.push(p) });
    const epochs = calls.map((p) => p.epoch);
    expect(epochs.every((epoch, i) => i === 0 || epoch > (epochs[i - 1] as number))).toBe(true);
    expect(epochs.at(-1)).toBe(300);
    expect(calls.every((p) => p.epochs === 300)).toBe(true);
    const middle = calls[Math.floor(calls.length / 2)] as TrainProgress;
    expect(middle.loss).toBe(lossAfter(10 + middle.epoch));
  });

  it('says the target was reached when the weights meet it after the last epoch, but not for a stopped run', () => {
    // The lesson's loss is 0.181 after epoch 3 and 0.2116 after epoch 2.
    const target = createModel({ ...DEFAULT_SETTINGS, target: 0.2 }, 3);
    expect(trainModel(target, lessonRows, { epochs: 3 })).toMatchObject({
      epochsRun: 3,
      reachedTarget: true,
    });
    expect(trainModel(target, lessonRows, { epochs: 2 })).toMatchObject({
      epochsRun: 2,
      reachedTarget: false,
    });
    const met = trainModel(target, lessonRows, { epochs: 5 });
    expect(met).toMatchObject({ epochsRun: 3, reachedTarget: true, stopped: false });
    const aborted = trainModel(met.model, lessonRows, { epochs: 5, signal: AbortSignal.abort() });
    expect(aborted).toMatchObject({ epochsRun: 0, reachedTarget: false, stopped: true });
    expect(aborted.loss).toBe(met.loss);
    const again = trainModel(met.model, lessonRows, { epochs: 5 });
    expect(again).toMatchObject({ epochsRun: 0, reachedTarget: true, stopped: false });
    expect(again.model.lossHistory).toEqual(met.model.lossHistory);
  });

  it('polls once per chunk of work, not once per epoch', () => {
    let polls = 0;
    trainModel(lessonModel(), lessonRows, { epochs: 5000, poll: () => (polls += 1) });
    // One chunk per loss-history point (stride 32) and weight sample at most.
    expect(polls).toBeGreaterThan(0);
    expect(polls).toBeLessThanOrEqual(Math.ceil(5000 / 32) + 30);
  });
});

/** Sleeps without using the processor, so that a run takes long without working long. */
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

describe('trainModel chunks, samples and method state', () => {
  it('reports progress during the run once the default interval, 250 ms, has passed', () => {
    const calls: TrainProgress[] = [];
    let polls = 0;
    // The second poll waits 260 ms: the chunk after it is past the interval.
    const poll = () => {
      polls += 1;
      if (polls === 2) sleep(260);
    };
    trainModel(lessonModel(), lessonRows, { epochs: 50, poll, onProgress: (p) => calls.push(p) });
    // The rest of the run takes about a millisecond: one report after the wait, and the last.
    expect(calls.map((p) => p.epoch)).toEqual([2, 50]);
  });

  it('runs a large problem in chunks of about a million multiply-adds', () => {
    // 1000 rows of 32 inputs: 32,000 a pass, so chunks of 31 epochs; 10,000 epochs sample the loss every 64.
    const rows = Array.from({ length: 1000 }, (_, r) => ({
      inputs: Array.from({ length: 32 }, (_, c) => ((r + c) % 3) - 1),
      output: r % 2,
    }));
    const counts: number[] = [];
    // A kernel that only counts: the weights stay, the loss is 0.25.
    const kernel: KernelFactory = (problem) => {
      let last = 0;
      return {
        run: (epochs) => {
          counts.push(epochs);
          last = epochs;
          return 0.25;
        },
        lastEpochs: () => last,
        readWeights: () => Float64Array.from(problem.weights),
        readRprop: () => undefined,
        dispose: () => {},
      };
    };
    const result = trainModel(createModel(DEFAULT_SETTINGS, 32), rows, { epochs: 10_000, kernel });
    expect(result.epochsRun).toBe(10_000);
    expect(Math.max(...counts)).toBe(31);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(10_000);
  });

  it('samples the weights on the planned epochs of a long run, each once', () => {
    const { model } = trainModel(lessonModel(), lessonRows, { epochs: 10_000 });
    expect(model.lastRun?.map((snapshot) => snapshot.epoch)).toEqual(planSnapshots(10_000));
  });

  it('ends the samples where a target stopped the run, between two planned epochs', () => {
    // The lesson's loss is 0.0402 after epoch 24 and 0.0385 after 25; 19 and 27 are planned, 25 is not.
    const model = createModel({ ...DEFAULT_SETTINGS, target: 0.04 }, 3);
    const result = trainModel(model, lessonRows, { epochs: 10_000 });
    expect(result.epochsRun).toBe(25);
    const planned = planSnapshots(10_000).filter((epoch) => epoch < 25);
    expect(planned.at(-1)).toBe(19);
    expect(result.model.lastRun?.map((snapshot) => snapshot.epoch)).toEqual([...planned, 25]);
  });

  it('starts the samples of a continued run at the loss it had reached', () => {
    const first = trainModel(lessonModel(), lessonRows, { epochs: 30 }).model;
    const { model } = trainModel(first, lessonRows, { epochs: 30 });
    const lastLoss = first.lossHistory.at(-1)?.loss as number;
    expect(model.lastRun?.[0]).toMatchObject({ epoch: 30, loss: Number(lastLoss.toPrecision(6)) });
  });

  it('gives a model without a bias no bias weight', () => {
    const { model } = trainModel(lessonModel(), lessonRows, { epochs: 3 });
    expect(model).not.toHaveProperty('bias');
    const withBias = createModel({ ...DEFAULT_SETTINGS, bias: true }, 3);
    expect(trainModel(withBias, lessonRows, { epochs: 3 }).model.bias).not.toBe(withBias.bias);
  });

  it.each(['rprop', 'genetic'] as const)(
    'keeps the %s state of a run stopped before its first epoch',
    (method) => {
      const trained = trainModel(createModel({ ...DEFAULT_SETTINGS, method, population: 5 }, 3), lessonRows, {
        epochs: 5,
      }).model;
      expect(trained.methodState?.method).toBe(method);
      const stopped = trainModel(trained, lessonRows, { epochs: 5, signal: AbortSignal.abort() });
      expect(stopped.epochsRun).toBe(0);
      expect(stopped.model.methodState).toEqual(trained.methodState);
    },
  );

  it('records a genetic run that met its target in its first generation', () => {
    // The best of the first generation on the lesson has a loss of 0.1775.
    const model = createModel({ ...DEFAULT_SETTINGS, method: 'genetic', population: 10, target: 0.3 }, 3);
    const result = trainModel(model, lessonRows, { epochs: 100 });
    expect(result).toMatchObject({ epochsRun: 1, reachedTarget: true });
    expect(result.model.lossHistory).toEqual([{ epoch: 1, loss: result.loss }]);
  });
});

describe('trainModel when the weights stop being finite', () => {
  it.each(kernels)(
    'keeps the starting weights of a step model whose first epoch overflows, on $name',
    ({ kernel }) => {
      const model = createModel({ ...DEFAULT_SETTINGS, activation: 'step' }, 1);
      const rows = [
        { inputs: [1e308], output: 1 },
        { inputs: [-1e308], output: 0 },
      ];
      const result = trainModel(model, rows, { epochs: 10, kernel });
      expect(result).toMatchObject({ epochsRun: 0, stopped: true, diverged: true });
      expect(result.model.weights).toEqual(model.weights);
      expect(result.model).toMatchObject({ epochsTrained: 0, lossHistory: [] });
      expectStorable(result);
    },
  );

  it.each(kernels)(
    'keeps the one finite epoch of a sigmoid model with learning rate 100, on $name',
    ({ kernel }) => {
      const model = createModel({ ...DEFAULT_SETTINGS, learningRate: 100 }, 3);
      const rows = hugeLessonRow([1e308, -1e308, 1]);
      const result = trainModel(model, rows, { epochs: 1000, kernel });
      expect(result).toMatchObject({ epochsRun: 1, stopped: true, diverged: true });
      expect(result.model).toEqual(trainModel(model, rows, { epochs: 1, kernel }).model);
      expectStorable(result);
    },
  );

  it.each(kernels)('keeps every epoch before the first that breaks, mid-chunk, on $name', ({ kernel }) => {
    const model = createModel(DEFAULT_SETTINGS, 3);
    const rows = hugeLessonRow([1e308, 1e308, 1e308]);
    const result = trainModel(model, rows, { epochs: 20_000, kernel });
    expect(result).toMatchObject({ stopped: true, diverged: true });
    expect(result.epochsRun).toBeGreaterThan(10);
    const kept = trainModel(model, rows, { epochs: result.epochsRun, kernel });
    expect(kept).toMatchObject({ stopped: false, diverged: false, loss: result.loss });
    expect(result.model.weights).toEqual(kept.model.weights);
    expect(result.model.epochsTrained).toBe(result.epochsRun);
    expect(result.model.lossHistory.at(-1)).toEqual(kept.model.lossHistory.at(-1));
    const oneMore = trainModel(model, rows, { epochs: result.epochsRun + 1, kernel });
    expect(oneMore).toMatchObject({ diverged: true, epochsRun: result.epochsRun });
    expectStorable(result);
  });

  it('counts only the kept epochs after earlier training, in the total and the loss curve', () => {
    const trained = trainModel(lessonModel(), lessonRows, { epochs: 1000 }).model;
    const calls: TrainProgress[] = [];
    const result = trainModel(trained, hugeLessonRow([1e308, 0, 1e308]), {
      epochs: 5000,
      onProgress: (progress) => calls.push(progress),
    });
    expect(result.diverged).toBe(true);
    expect(result.model.epochsTrained).toBe(1000 + result.epochsRun);
    const epochs = result.model.lossHistory.map((point) => point.epoch);
    expect(epochs.at(-1)).toBe(result.model.epochsTrained);
    expect(epochs.every((epoch, j) => j === 0 || epoch > (epochs[j - 1] as number))).toBe(true);
    expect(calls.at(-1)).toEqual({ epoch: result.epochsRun, epochs: 5000, loss: result.loss });
    expectStorable(result);
  });

  it('leaves a model whose evaluation has no NaN, although its sums overflow both ways', () => {
    const rows = hugeLessonRow([1e308, 1e308, 1e308]);
    const result = trainModel(createModel(DEFAULT_SETTINGS, 3), rows, { epochs: 20_000 });
    const evaluation = evaluateModel(result.model, rows);
    expect(evaluation.outputs.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(evaluation.loss)).toBe(true);
  });

  it('frees every kernel it makes while looking for the last finite epoch', () => {
    let made = 0;
    let freed = 0;
    const result = trainModel(createModel(DEFAULT_SETTINGS, 3), hugeLessonRow([1e308, 1e308, 1e308]), {
      epochs: 20_000,
      kernel: (problem) => {
        made += 1;
        return { ...createReferenceKernel(problem), dispose: () => (freed += 1) };
      },
    });
    expect(result.diverged).toBe(true);
    expect(made).toBeGreaterThan(1);
    expect(freed).toBe(made);
  });
});
