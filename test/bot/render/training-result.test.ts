import { describe, expect, it } from 'vitest';
import { renderTrainingResult } from '../../../src/bot/render/training-result.js';
import { createModel } from '../../../src/core/model.js';
import { DEFAULT_SETTINGS } from '../../../src/core/types.js';
import { unstartedOutcome } from '../../../src/training/unstarted-outcome.js';
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
      count: String,
      epochs: String,
    });
    expect(text.split('\n').slice(0, 2)).toEqual([
      t('train.stopped', { epochsRun: '0', epochs: '5000' }),
      t('lifecycle.notStarted'),
    ]);
    expect(text).toContain(`${t('train.weights')}\n<pre>`);
    expect(text).not.toContain(t('train.outputs'));
    expect(text).not.toContain(t('train.summary', { loss: 'x', accuracy: 0 }).split(' ')[0]);
  });
});
