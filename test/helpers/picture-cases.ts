import type { Language } from '../../src/config/config.js';
import { findExample } from '../../src/core/examples.js';
import { createModel } from '../../src/core/model.js';
import { NumpyRandom } from '../../src/core/numpy-random.js';
import { trainModel } from '../../src/core/train.js';
import { DEFAULT_SETTINGS, type ModelSettings, type ModelState, type Row } from '../../src/core/types.js';
import type { ColumnNames } from '../../src/files/column-names.js';

/** A perceptron worth drawing: its rows and the case drawn through it. */
export interface PictureCase {
  name: string;
  model: ModelState;
  rows: Row[];
  inputs: readonly number[];
  /** Column names from a file's header. */
  columns?: ColumnNames;
  /** The language the names are in: `npm run pictures` draws the case in that one only, as `<name>.png`. */
  language?: Language;
  /** A hard case for the tests (names of 24 letters, say) that `npm run pictures` leaves out. */
  testsOnly?: boolean;
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

/** A weather file with a header: temperature and humidity (as parts of their range) and whether it rained. */
export const WEATHER_ROWS: Row[] = [
  [0.3, 0.9, 1],
  [0.4, 0.85, 1],
  [0.2, 0.7, 1],
  [0.35, 0.95, 1],
  [0.5, 0.9, 1],
  [0.25, 0.8, 1],
  [0.6, 0.6, 0],
  [0.7, 0.45, 0],
  [0.55, 0.5, 0],
  [0.4, 0.4, 0],
  [0.8, 0.75, 0],
  [0.75, 0.55, 0],
].map(([temperature, humidity, rain]) => ({
  inputs: [temperature as number, humidity as number],
  output: rain as number,
}));

/** Names of 24 characters, the longest kept: "sensor 01 reading, units" … "sensor 32 reading, units". */
export const LONG_NAMES = Array.from(
  { length: 32 },
  (_, i) => `sensor ${String(i + 1).padStart(2, '0')} reading, units`,
);

/** The same perceptrons with their inputs named: short names, long ones in each language, 32 of 24 letters. */
function createNamedCases(): PictureCase[] {
  const weather = train({ ...DEFAULT_SETTINGS, bias: true }, WEATHER_ROWS, 5000);
  const wide = createWideRows();
  const lesson = exampleRows('lesson');
  // Ten unnamed inputs from -1 to 1, all drawn: x10 beside the box of "−0.87" would touch it.
  const decimals = Array.from({ length: 20 }, (_, r) => {
    const inputs = Array.from({ length: 10 }, (_, i) => (((r * 7 + (10 - i) * 13) % 200) - 100) / 100);
    return { inputs, output: r % 2 };
  });
  const weatherCase = { model: weather, rows: WEATHER_ROWS, inputs: [0.3, 0.9] };
  return [
    {
      name: 'weather-en',
      ...weatherCase,
      columns: { inputs: ['temperature', 'humidity'], output: 'rain' },
      language: 'en',
    },
    {
      name: 'weather-ru',
      ...weatherCase,
      columns: { inputs: ['температура', 'влажность'], output: 'дождь' },
      language: 'ru',
    },
    {
      name: 'weather-ru-long',
      testsOnly: true,
      ...weatherCase,
      columns: { inputs: ['температура воздуха', 'влажность'], output: 'дождь' },
    },
    {
      name: 'short-names',
      testsOnly: true,
      model: train({ ...DEFAULT_SETTINGS, bias: true }, exampleRows('and'), 5000),
      rows: exampleRows('and'),
      inputs: [1, 1, 1],
      columns: { inputs: ['sun', 'rain', 'fog'], output: 'walk' },
    },
    {
      name: 'long-names',
      testsOnly: true,
      model: train(DEFAULT_SETTINGS, lesson, 20_000),
      rows: lesson,
      inputs: [1, 1, 0],
      columns: {
        inputs: ['температура воздуха в °C', 'относительная влажность', 'скорость ветра днём, м/с'],
        output: 'дождь',
      },
    },
    {
      name: 'decimals-10',
      testsOnly: true,
      model: train(DEFAULT_SETTINGS, decimals, 500),
      rows: decimals,
      inputs: decimals[0]?.inputs ?? [],
    },
    {
      name: 'names-32',
      testsOnly: true,
      model: train(DEFAULT_SETTINGS, wide, 2000),
      rows: wide,
      inputs: wide[0]?.inputs ?? [],
      columns: { inputs: LONG_NAMES, output: 'at least 3 of the first 5' },
    },
  ];
}

/** Every kind of picture the bot sends, from the lesson to 32 inputs, then the same with named inputs. */
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
    // RProp drives the loss to about 1e-297, below the scale's floor, and the weights to hundreds.
    {
      name: 'rprop',
      model: train({ ...DEFAULT_SETTINGS, method: 'rprop' }, lesson, 20_000),
      rows: lesson,
      inputs: [0, 1, 1],
    },
    // `/set target 0.001`: the training stops at the target, after some 700 epochs.
    {
      name: 'target',
      model: train({ ...DEFAULT_SETTINGS, target: 0.001 }, lesson, 20_000),
      rows: lesson,
      inputs: [1, 1, 0],
    },
    // The lesson and then ten /step: ten "train more" marks a pixel apart, and a last run of one epoch.
    {
      name: 'steps',
      testsOnly: true,
      model: train(DEFAULT_SETTINGS, lesson, 20_000, ...Array<number>(10).fill(1)),
      rows: lesson,
      inputs: [1, 1, 0],
    },
    ...createNamedCases(),
  ];
}
