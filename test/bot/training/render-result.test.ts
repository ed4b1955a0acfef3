import { describe, expect, it } from 'vitest';
import { renderTrainingResult } from '../../../src/bot/training/render-result.js';
import { evaluateModel } from '../../../src/core/evaluate.js';
import { createModel } from '../../../src/core/model.js';
import { numberFormatFor } from '../../../src/core/number-format.js';
import { trainModel } from '../../../src/core/train.js';
import { DEFAULT_SETTINGS } from '../../../src/core/types.js';
import { findTextProblem } from '../../../src/dev/fake-html-check.js';
import { unstartedOutcome } from '../../../src/training/unstarted-outcome.js';
import { createWideRows, LONG_NAMES } from '../../helpers/picture-cases.js';
import { textsFor } from '../../helpers/texts.js';

describe('the result of a training stopped before it started', () => {
  it.each(['en', 'ru'] as const)('says in %s that nothing changed, and shows the weights', (language) => {
    const t = textsFor(language);
    const rows = [{ inputs: [0, 0, 1], output: 0 }];
    const result = unstartedOutcome({ model: createModel(DEFAULT_SETTINGS, 3), rows, epochs: 5000 });
    const text = renderTrainingResult(t, {
      result,
      epochsAsked: 5000,
      rows,
      evaluation: result.evaluation,
      stoppedBy: 'stopped',
      numbers: numberFormatFor(language),
      epochs: String,
    });
    expect(text.split('\n').slice(0, 2)).toEqual([
      t('train.stopped', { epochsRun: '0', epochs: numberFormatFor(language).count(5000) }),
      t('lifecycle.notStarted'),
    ]);
    expect(text).toContain(`${t('train.weights')}\n<pre>`);
    expect(text).not.toContain(t('train.outputs'));
    expect(text).not.toContain(t('train.summary', { loss: 'x', accuracy: 0 }).split(' ')[0]);
  });
});

describe('the weights of a dataset with named columns', () => {
  const rows = createWideRows();
  const result = trainModel(createModel({ ...DEFAULT_SETTINGS, bias: true }, 32), rows, { epochs: 200 });
  const view = (language: 'en' | 'ru', names?: string[]) => ({
    result,
    epochsAsked: 200,
    rows,
    evaluation: evaluateModel(result.model, rows),
    numbers: numberFormatFor(language),
    epochs: String,
    ...(names ? { names } : {}),
  });

  it.each(['en', 'ru'] as const)(
    'read w(name) in %s, 32 names of 24 letters within 4,096 characters',
    (language) => {
      const t = textsFor(language);
      const text = renderTrainingResult(t, view(language, LONG_NAMES));
      expect(text.length).toBeLessThanOrEqual(4096);
      const mark = language === 'en' ? '\\.' : ',';
      const weight = new RegExp(`(?:^|<pre>)w\\(sensor \\d\\d reading, units\\) +-?\\d+${mark}\\d{5}$`, 'gm');
      const weights = text.match(weight) ?? [];
      expect(weights).toHaveLength(32);
      expect(weights[0]).toMatch(/^<pre>w\(sensor 01 reading, units\) /);
      expect(text).not.toMatch(/(?:^|<pre>)w\d+ /m);
      expect(text).toMatch(new RegExp(`^${t('weights.bias')} +-?\\d`, 'm'));
      expect(findTextProblem(text, 'HTML', 'text')).toBeUndefined();
    },
  );

  it('read w1 … w32 without names', () => {
    const text = renderTrainingResult(textsFor('en'), view('en'));
    expect(text.match(/(?:^|<pre>)w\d+ +-?\d+\.\d{5}$/gm)).toHaveLength(32);
    expect(text).not.toContain('w(');
  });
});
