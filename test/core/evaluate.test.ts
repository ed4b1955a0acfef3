import { describe, expect, it } from 'vitest';
import { computeLoss, evaluateModel, findContradictions } from '../../src/core/evaluate.js';
import { findExample } from '../../src/core/examples.js';
import { createModel } from '../../src/core/model.js';
import { predict } from '../../src/core/predict.js';
import { trainModel } from '../../src/core/train.js';
import { DEFAULT_SETTINGS, type Row } from '../../src/core/types.js';

const rowsOf = (name: string) => (findExample(name) as { rows: Row[] }).rows;
const trainOn = (rows: Row[], epochs = 20_000) =>
  trainModel(createModel(DEFAULT_SETTINGS, rows[0]?.inputs.length ?? 0), rows, { epochs }).model;

describe('evaluateModel', () => {
  it('finds the trained lesson model right on every row', () => {
    const rows = rowsOf('lesson');
    const evaluation = evaluateModel(trainOn(rows), rows);
    expect(evaluation).toMatchObject({ accuracy: 1, wrongRows: [], contradictions: [], separable: true });
    expect(evaluation.predicted).toEqual([0, 1, 1, 0]);
    expect(evaluation.targets).toEqual([0, 1, 1, 0]);
    expect(evaluation.loss).toBeLessThan(1e-4);
  });

  it('reports the outputs, wrong rows and loss of an untrained model', () => {
    const rows = rowsOf('lesson');
    const model = createModel(DEFAULT_SETTINGS, 3);
    const evaluation = evaluateModel(model, rows);
    expect(evaluation.outputs).toEqual(rows.map((row) => predict(model, row.inputs).output));
    expect(evaluation.wrongRows).toEqual([1, 2]);
    expect(evaluation.accuracy).toBe(0.5);
    expect(evaluation.loss).toBe(computeLoss(model, rows));
    expect(evaluation.separable).toBe(true);
  });

  it('finds xor not separable after training', () => {
    const rows = rowsOf('xor');
    const evaluation = evaluateModel(trainOn(rows), rows);
    expect(evaluation.accuracy).toBeLessThan(1);
    expect(evaluation.separable).toBe(false);
    expect(evaluation.contradictions).toEqual([]);
  });

  it('gives finite outputs and loss for huge inputs whose products overflow with opposite signs', () => {
    const model = { ...createModel(DEFAULT_SETTINGS, 2), weights: [2, -2] };
    const rows = [
      { inputs: [1e308, 1e308], output: 1 },
      { inputs: [1e308, -1e308], output: 1 },
    ];
    const evaluation = evaluateModel(model, rows);
    expect(evaluation.outputs).toEqual([0.5, 1]);
    expect(evaluation.loss).toBe(0.125);
    expect(computeLoss(model, rows)).toBe(0.125);
  });

  it('counts a target of 0.5 as class 1', () => {
    const evaluation = evaluateModel(createModel(DEFAULT_SETTINGS, 1), [{ inputs: [0], output: 0.5 }]);
    expect(evaluation.targets).toEqual([1]);
  });

  it('finds rows with the same inputs and different classes', () => {
    const rows: Row[] = [
      { inputs: [1, 0, 1], output: 1 },
      { inputs: [0, 1, 1], output: 0 },
      { inputs: [1, 0, 1], output: 0 },
      { inputs: [1, 0, 1], output: 0.9 },
      { inputs: [0, 1, 1], output: 0.2 },
    ];
    const evaluation = evaluateModel(trainOn(rows, 2000), rows);
    expect(evaluation.contradictions).toEqual([[0, 2, 3]]);
    expect(evaluation.accuracy).toBeLessThan(1);
    expect(evaluation.separable).toBe(false);
  });

  it('rejects rows that do not fit the model', () => {
    const model = createModel(DEFAULT_SETTINGS, 3);
    expect(() => evaluateModel(model, [{ inputs: [1, 1], output: 1 }])).toThrow(RangeError);
    expect(() => evaluateModel(model, [])).toThrow(RangeError);
  });
});

describe('findContradictions', () => {
  it('treats 0 and -0 as the same input', () => {
    const rows: Row[] = [
      { inputs: [0, 1], output: 1 },
      { inputs: [-0, 1], output: 0 },
    ];
    expect(findContradictions(rows)).toEqual([[0, 1]]);
  });
});
