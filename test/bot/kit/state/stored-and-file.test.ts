import { describe, expect, it } from 'vitest';
import { isPerceptronDoc, storedContentSchema } from '../../../../src/bot/kit/state/documents.js';
import { createModel } from '../../../../src/core/model.js';
import { MAX_SEED } from '../../../../src/core/numpy-random.js';
import { trainModel } from '../../../../src/core/train.js';
import { DEFAULT_SETTINGS, LOSS_HISTORY_LIMIT, type ModelSettings } from '../../../../src/core/types.js';
import { writePerceptronFile } from '../../../../src/files/perceptron-file.js';
import { readPerceptronFile } from '../../../../src/files/perceptron-file-read.js';

const limits = { maxRows: 1000, maxInputs: 32, maxEpochs: 100_000, maxLearningRate: 100, maxPopulation: 200 };
const rows = [
  { inputs: [0, 0, 1], output: 0 },
  { inputs: [1, 1, 1], output: 1 },
];
const stored = (settings: ModelSettings) => ({ version: 1, rows, settings, recentUpdateIds: [] });

describe('a perceptron file and a stored perceptron', () => {
  it('share one shape: what a file restores is a perceptron the store takes', () => {
    const settings = { ...DEFAULT_SETTINGS, bias: true, method: 'rprop' as const, target: 0.01 };
    const model = trainModel(createModel(settings, 3), rows, { epochs: 50 }).model;
    const read = readPerceptronFile(writePerceptronFile({ rows, settings, model }), limits);
    if (!read.ok) throw new Error(read.error.code);
    expect(storedContentSchema.safeParse(read.content).success).toBe(true);
    expect(isPerceptronDoc({ ...read.content, version: 1, recentUpdateIds: [] })).toBe(true);
  });

  it.each([
    ['a seed above MAX_SEED', { seed: MAX_SEED + 1 }, 'settings.seed'],
    ['a learning rate of 0', { learningRate: 0 }, 'settings.learningRate'],
    ['a target loss of 1', { target: 1 }, 'settings.target'],
  ] as const)(
    'differ where a file is held to what /set makes: %s is stored, not read from a file',
    (_, change, field) => {
      const settings = { ...DEFAULT_SETTINGS, ...change };
      expect(isPerceptronDoc(stored(settings))).toBe(true);
      expect(readPerceptronFile(writePerceptronFile({ rows, settings }), limits)).toEqual({
        ok: false,
        error: { code: 'bad-value', field },
      });
    },
  );

  it('differ in the length of the loss curve: a file holds at most LOSS_HISTORY_LIMIT points', () => {
    const model = createModel(DEFAULT_SETTINGS, 3);
    const lossHistory = Array.from({ length: LOSS_HISTORY_LIMIT + 1 }, (_, epoch) => ({ epoch, loss: 0.5 }));
    const long = { ...model, lossHistory };
    expect(isPerceptronDoc({ ...stored(DEFAULT_SETTINGS), model: long })).toBe(true);
    const read = readPerceptronFile(
      writePerceptronFile({ rows, settings: DEFAULT_SETTINGS, model: long }),
      limits,
    );
    expect(read).toEqual({ ok: false, error: { code: 'bad-value', field: 'model.lossHistory' } });
  });
});
