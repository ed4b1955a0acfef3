import { describe, expect, it } from 'vitest';
import { renderComparison } from '../../../src/bot/compare/render-comparison.js';
import { evaluateModel } from '../../../src/core/evaluate.js';
import { findExample } from '../../../src/core/examples.js';
import { createModel } from '../../../src/core/model.js';
import { numberFormatFor } from '../../../src/core/number-format.js';
import { DEFAULT_SETTINGS, type TrainingMethod } from '../../../src/core/types.js';
import type { ComparisonOutcome } from '../../../src/training/run-comparison.js';
import { textsFor } from '../../helpers/texts.js';

const rows = findExample('lesson')?.rows ?? [];

/** A method's result with the loss and milestones given, everything else as after a short training. */
function resultOf(method: TrainingMethod, loss: number, reachedAt: (number | null)[]) {
  const model = createModel({ ...DEFAULT_SETTINGS, method }, 3);
  const evaluation = { ...evaluateModel(model, rows), loss };
  const trained = { model, epochsRun: 10, stopped: false, diverged: false, reachedTarget: false, loss };
  return { method, outcome: { ...trained, evaluation, elapsedMs: 12.5, reachedAt } };
}

/** The loss column of the table, one cell per method. */
const lossCells = (text: string, column: number) =>
  (/<pre>([\s\S]*)<\/pre>/.exec(text)?.[1] ?? '')
    .split('\n')
    .slice(1)
    .map((line) => line.split(/ {2,}/)[column]);

describe.each(['en', 'ru'] as const)('the /compare table in %s', (language) => {
  const t = textsFor(language);
  const view = (outcome: ComparisonOutcome, target?: number) => ({
    outcome,
    ...(target === undefined ? {} : { target }),
    withoutRprop: false,
    title: 'title',
    numbers: numberFormatFor(language),
  });

  it('writes every loss in one form, however far apart they are, and zero as 0', () => {
    const outcome = {
      results: [resultOf('gd', 0.3099, [4]), resultOf('rprop', 5.59e-297, [7]), resultOf('genetic', 0, [1])],
      stopped: false,
    };
    const mark = language === 'en' ? '.' : ',';
    expect(lossCells(renderComparison(t, view(outcome)), 2)).toEqual([
      `3${mark}10e-1`,
      `5${mark}59e-297`,
      '0',
    ]);
  });

  it('explains only the columns and marks the table shows', () => {
    const reached = {
      results: [
        resultOf('gd', 0.1, [4, 8]),
        resultOf('rprop', 0.1, [7, 9]),
        resultOf('genetic', 0.1, [1, 2]),
      ],
      stopped: false,
    };
    const plain = renderComparison(t, view(reached));
    expect(plain).toContain(t('methods.compare.legendAllRight'));
    expect(plain).not.toContain(t('methods.compare.legendTarget'));
    expect(plain).not.toContain(t('methods.compare.legendNever'));
    const missed = {
      results: [
        resultOf('gd', 0.1, [null, null]),
        resultOf('rprop', 0.1, [7, 9]),
        resultOf('genetic', 0.1, [1, 2]),
      ],
      stopped: false,
    };
    const withTarget = renderComparison(t, view(missed, 0.001));
    expect(withTarget).toContain(
      [
        t('methods.compare.legendAllRight'),
        t('methods.compare.legendTarget'),
        t('methods.compare.legendNever'),
      ].join(' '),
    );
  });
});
