import { describe, expect, it } from 'vitest';
import { computeLoss } from '../../src/core/evaluate.js';
import { createModel } from '../../src/core/model.js';
import { meetsStopRule, stopRuleOf } from '../../src/core/stop-rule.js';
import { type Activation, DEFAULT_SETTINGS, type ModelState, type Row } from '../../src/core/types.js';

/** A two-input perceptron with the given weights: [10, -10] says 1 for [1, 0], 0 for [0, 1], 0.5 for [0, 0]. */
const modelWith = (weights: number[], activation: Activation = 'sigmoid'): ModelState => ({
  ...createModel({ ...DEFAULT_SETTINGS, activation }, 2),
  weights,
});

const right: Row[] = [
  { inputs: [1, 0], output: 1 },
  { inputs: [0, 1], output: 0 },
];

describe('stopRuleOf', () => {
  it('is none without a target, the loss target for sigmoid, every row right for step', () => {
    expect(stopRuleOf(DEFAULT_SETTINGS)).toBeUndefined();
    expect(stopRuleOf({ ...DEFAULT_SETTINGS, activation: 'step' })).toBeUndefined();
    expect(stopRuleOf({ ...DEFAULT_SETTINGS, target: 0.01 })).toEqual({ loss: 0.01 });
    expect(stopRuleOf({ ...DEFAULT_SETTINGS, activation: 'step', target: 0.01 })).toEqual({ allRight: true });
  });
});

describe('meetsStopRule', () => {
  const model = modelWith([10, -10]);

  it('is never met without a rule, even with every row right', () => {
    expect(meetsStopRule(model, right, undefined)).toBe(false);
  });

  it('needs every row of the right class for allRight: one wrong row is enough to miss it', () => {
    expect(meetsStopRule(model, right, { allRight: true })).toBe(true);
    // An output of 0.5 is class 1, and the target 0 is class 0.
    expect(meetsStopRule(model, [...right, { inputs: [0, 0], output: 0 }], { allRight: true })).toBe(false);
    expect(meetsStopRule(modelWith([-10, 10]), right, { allRight: true })).toBe(false);
  });

  it('compares classes, not numbers: an output near 1 is right for a target of 0.7, one near 0 for 0.2', () => {
    const rows: Row[] = [
      { inputs: [1, 0], output: 0.7 },
      { inputs: [0, 1], output: 0.2 },
      { inputs: [0, 0], output: 0.5 },
    ];
    expect(meetsStopRule(model, rows, { allRight: true })).toBe(true);
    expect(meetsStopRule(modelWith([10, -10], 'step'), right, { allRight: true })).toBe(true);
  });

  it('is met by a loss at or below the target, whatever the classes', () => {
    const loss = computeLoss(model, right);
    expect(meetsStopRule(model, right, { loss })).toBe(true);
    expect(meetsStopRule(model, right, { loss: loss * 0.99 })).toBe(false);
    const wrong = modelWith([-10, 10]);
    expect(meetsStopRule(wrong, right, { loss: 1 })).toBe(true);
  });
});
