import { describe, expect, it } from 'vitest';
import { createPerceptronDoc, isPerceptronDoc } from '../../../../src/bot/kit/state/documents.js';
import { findExample } from '../../../../src/core/examples.js';
import { createModel } from '../../../../src/core/model.js';
import { trainModel } from '../../../../src/core/train.js';
import { DEFAULT_SETTINGS, type TrainingMethod } from '../../../../src/core/types.js';

const rows = (findExample('lesson')?.rows ?? []).map((row) => ({ ...row }));

/** A stored file as parsed JSON, loose enough to spoil. */
interface Loose {
  settings: Record<string, unknown>;
  model: { methodState: { random: { key: number[] }; population: unknown[][]; steps: unknown[] } };
}

function trainedDoc(method: TrainingMethod): Loose {
  const settings = { ...DEFAULT_SETTINGS, method, target: 0.01 };
  const model = trainModel(createModel(settings, 3), rows, { epochs: 20 }).model;
  return JSON.parse(JSON.stringify({ ...createPerceptronDoc(), rows, settings, model }));
}

describe('stored perceptrons and the methods', () => {
  it('a file from before the methods (no method, population, target or method state) still loads', () => {
    const old = { ...createPerceptronDoc(), rows, model: createModel(DEFAULT_SETTINGS, 3) };
    expect(isPerceptronDoc(JSON.parse(JSON.stringify(old)))).toBe(true);
  });

  it.each<TrainingMethod>(['gd', 'rprop', 'genetic'])('a file with %s and its state loads', (method) => {
    expect(isPerceptronDoc(trainedDoc(method))).toBe(true);
  });

  it.each([
    [
      'an unknown method',
      (doc: Loose) => {
        doc.settings.method = 'sgd';
      },
    ],
    [
      'a population of 2',
      (doc: Loose) => {
        doc.settings.population = 2;
      },
    ],
    [
      'a target of 0',
      (doc: Loose) => {
        doc.settings.target = 0;
      },
    ],
    [
      'a generator key of the wrong length',
      (doc: Loose) => {
        doc.model.methodState.random.key.pop();
      },
    ],
    [
      'a population weight that is not a number',
      (doc: Loose) => {
        (doc.model.methodState.population[0] as unknown[])[0] = 'x';
      },
    ],
  ])('a file with %s is not trusted', (_name, spoil) => {
    const doc = trainedDoc('genetic');
    spoil(doc);
    expect(isPerceptronDoc(doc)).toBe(false);
  });

  it('rprop state with step sizes that are not numbers is not trusted', () => {
    const doc = trainedDoc('rprop');
    doc.model.methodState.steps[0] = null;
    expect(isPerceptronDoc(doc)).toBe(false);
  });
});
