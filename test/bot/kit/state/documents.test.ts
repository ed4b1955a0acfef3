import { describe, expect, it } from 'vitest';
import { isPerceptronDoc } from '../../../../src/bot/kit/state/documents.js';
import { findExample } from '../../../../src/core/examples.js';
import { createModel } from '../../../../src/core/model.js';
import { trainModel } from '../../../../src/core/train.js';
import { DEFAULT_SETTINGS, type Row } from '../../../../src/core/types.js';

const rows = (findExample('lesson') as { rows: Row[] }).rows;
const once = trainModel(createModel(DEFAULT_SETTINGS, 3), rows, { epochs: 100 }).model;
const twice = trainModel(once, rows, { epochs: 100 }).model;

describe('a stored perceptron', () => {
  it('from before pictures (no pictures switch, no marks, no weight samples) still loads', () => {
    const { continuedAt: _marks, lastRun: _run, ...old } = twice;
    expect(
      isPerceptronDoc({ version: 1, rows, settings: DEFAULT_SETTINGS, model: old, recentUpdateIds: [] }),
    ).toBe(true);
  });

  it('with the pictures switch, the marks and the samples loads, and keeps them through JSON', () => {
    const doc = {
      version: 1,
      rows,
      settings: DEFAULT_SETTINGS,
      model: twice,
      recentUpdateIds: [],
      pictures: false,
    };
    const stored = JSON.parse(JSON.stringify(doc));
    expect(isPerceptronDoc(stored)).toBe(true);
    expect(stored.model.continuedAt).toEqual([100]);
    expect(stored.model.lastRun.at(-1).epoch).toBe(200);
  });

  it('with a pictures switch that is not true or false is refused', () => {
    const doc = { version: 1, rows, settings: DEFAULT_SETTINGS, recentUpdateIds: [], pictures: 'off' };
    expect(isPerceptronDoc(doc)).toBe(false);
  });

  it('keeps its weight samples small: a few kilobytes for the lesson', () => {
    const model = trainModel(createModel(DEFAULT_SETTINGS, 3), rows, { epochs: 20_000 }).model;
    expect(JSON.stringify(model.lastRun).length).toBeLessThan(3_000);
  });
});
