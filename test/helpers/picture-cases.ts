import { findExample } from '../../src/core/examples.js';
import { createModel } from '../../src/core/model.js';
import { NumpyRandom } from '../../src/core/numpy-random.js';
import { trainModel } from '../../src/core/train.js';
import { DEFAULT_SETTINGS, type ModelSettings, type ModelState, type Row } from '../../src/core/types.js';

/** A perceptron worth drawing: its rows and the case drawn through it. */
export interface PictureCase {
  name: string;
  model: ModelState;
  rows: Row[];
  inputs: number[];
}

const exampleRows = (name: string): Row[] => (findExample(name) as { rows: Row[] }).rows;

/** Trains `epochs` in turn, each a "train more" of the one before. */
function train(settings: ModelSettings, rows: Row[], ...epochs: number[]): ModelState {
  let model = createModel(settings, rows[0]?.inputs.length ?? 1);
  for (const count of epochs) model = trainModel(model, rows, { epochs: count }).model;
  return model;
}

/** 60 rows of 32 random 0/1 inputs from a fixed seed; the target is "at least 3 of the first 5 are 1". */
export function createWideRows(): Row[] {
  const random = new NumpyRandom(7);
  return Array.from({ length: 60 }, () => {
    const inputs: number[] = Array.from({ length: 32 }, () => (random.random() < 0.5 ? 0 : 1));
    const ones = inputs.slice(0, 5).reduce((a, b) => a + b, 0);
    return { inputs, output: ones >= 3 ? 1 : 0 };
  });
}

/** The lesson stopped by its owner after a few hundred epochs. */
function stopEarly(rows: Row[]): ModelState {
  const controller = new AbortController();
  const model = createModel(DEFAULT_SETTINGS, 3);
  return trainModel(model, rows, {
    epochs: 20_000,
    signal: controller.signal,
    progressIntervalMs: 0,
    onProgress: (progress) => {
      if (progress.epoch >= 300) controller.abort();
    },
  }).model;
}

/** Every kind of picture the bot sends, from the lesson to 32 inputs. */
export function createPictureCases(): PictureCase[] {
  const lesson = exampleRows('lesson');
  const withBias = { ...DEFAULT_SETTINGS, bias: true };
  const wide = createWideRows();
  return [
    { name: 'lesson', model: train(DEFAULT_SETTINGS, lesson, 20_000), rows: lesson, inputs: [1, 1, 0] },
    {
      name: 'and-bias',
      model: train(withBias, exampleRows('and'), 1000, 4000),
      rows: exampleRows('and'),
      inputs: [1, 1, 1],
    },
    {
      name: 'not',
      model: train(DEFAULT_SETTINGS, exampleRows('not'), 5000),
      rows: exampleRows('not'),
      inputs: [0, 1],
    },
    {
      name: 'inputs-32',
      model: train(DEFAULT_SETTINGS, wide, 2000),
      rows: wide,
      inputs: wide[0]?.inputs ?? [],
    },
    {
      name: 'xor',
      model: train(DEFAULT_SETTINGS, exampleRows('xor'), 20_000),
      rows: exampleRows('xor'),
      inputs: [1, 0, 1],
    },
    { name: 'untrained', model: createModel(DEFAULT_SETTINGS, 3), rows: lesson, inputs: [0, 0, 1] },
    { name: 'stopped', model: stopEarly(lesson), rows: lesson, inputs: [1, 0, 1] },
  ];
}
