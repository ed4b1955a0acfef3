import { describe, expect, it } from 'vitest';
import { formatUnits } from '../../../src/bot/kit/render/numbers.js';
import { SCREEN_LIMIT } from '../../../src/bot/kit/reply.js';
import {
  renderStep,
  renderStepSummary,
  SHOWN_STEP_ROWS,
  type StepView,
} from '../../../src/bot/lesson/render-step.js';
import type { Language } from '../../../src/config/config.js';
import { createModel } from '../../../src/core/model.js';
import { numberFormatFor } from '../../../src/core/number-format.js';
import { stepModel } from '../../../src/core/step.js';
import { DEFAULT_SETTINGS, type Row } from '../../../src/core/types.js';
import { findTextProblem } from '../../../src/dev/fake-html-check.js';
import { LONG_NAMES } from '../../helpers/picture-cases.js';
import { textsFor } from '../../helpers/texts.js';

/** A view of one step over `rows`, in `language`, with a bias; the weights named `w1` … unless `names` are given. */
function viewOf(
  language: Language,
  rows: Row[],
  activation: 'sigmoid' | 'step' = 'sigmoid',
  names?: string[],
): StepView {
  const t = textsFor(language);
  const inputs = rows[0]?.inputs.length ?? 0;
  const model = createModel(
    { ...DEFAULT_SETTINGS, bias: true, activation, learningRate: 0.123456789 },
    inputs,
  );
  const step = stepModel(model, rows);
  return {
    step,
    activation,
    learningRate: model.settings.learningRate,
    skipped: 9,
    names: [...(names ?? Array.from({ length: inputs }, (_, i) => `w${i + 1}`)), t('weights.bias')],
    epochs: (n) => formatUnits(t, language, 'epochs', n),
    rows: (n) => formatUnits(t, language, 'rows', n),
    numbers: numberFormatFor(language),
  };
}

const rowsOf = (count: number, inputs: number, value: (r: number, i: number) => number): Row[] =>
  Array.from({ length: count }, (_, r) => ({
    inputs: Array.from({ length: inputs }, (_, i) => value(r, i)),
    output: r % 2,
  }));

const rowLabels = (text: string) => text.match(/(?:^|<pre>)(?:Row|Строка) \d+:/gm) ?? [];

describe.each(['en', 'ru'] as const)('renderStep in %s', (language) => {
  const t = textsFor(language);

  it('works out eight rows of 32 inputs of 0 and 1 within 4,096 characters, in valid HTML', () => {
    const text = renderStep(
      t,
      viewOf(
        language,
        rowsOf(40, 32, (r, i) => ((r * 7 + i * 3) % 5) % 2),
      ),
    );
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(rowLabels(text)).toHaveLength(SHOWN_STEP_ROWS);
    expect(text).toContain(t('step.moreRows', { count: 32 }));
    expect(text).toContain(`${t('weights.bias')} = `);
    expect(findTextProblem(text, 'HTML', 'text')).toBeUndefined();
  });

  it('shortens and drops rows whose numbers are long, and still fits', () => {
    const text = renderStep(
      t,
      viewOf(
        language,
        rowsOf(1000, 32, (r, i) => -(r + 1) * (i + 3) * 1.234567891e-7),
      ),
    );
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(rowLabels(text).length).toBeGreaterThan(0);
    expect(rowLabels(text).length).toBeLessThan(SHOWN_STEP_ROWS);
    expect(text.match(/(?:^|<pre>)w\d+ +=/gm)).toHaveLength(32);
    expect(findTextProblem(text, 'HTML', 'text')).toBeUndefined();
  });

  it('keeps every weight’s line even when huge numbers leave no room for rows', () => {
    const text = renderStep(
      t,
      viewOf(
        language,
        rowsOf(1000, 32, (r, i) => (r - 500) * (i + 1) * 1.23456789e290),
      ),
    );
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text.match(/(?:^|<pre>)w\d+ +=/gm)).toHaveLength(32);
  });

  it('names each weight after its input, and fits 4,096 characters with 32 names of 24 letters', () => {
    const names = LONG_NAMES.map((name) => `w(${name})`);
    for (const rows of [
      rowsOf(40, 32, (r, i) => ((r * 7 + i * 3) % 5) % 2),
      rowsOf(1000, 32, (r, i) => (r - 500) * (i + 1) * 1.23456789e290),
    ]) {
      const text = renderStep(t, viewOf(language, rows, 'sigmoid', names));
      expect(text.length).toBeLessThanOrEqual(4096);
      expect(text.match(/(?:^|<pre>)w\(sensor \d\d reading, units\) +=/gm)).toHaveLength(32);
      expect(text).not.toMatch(/(?:^|<pre>)w\d+ +=/m);
      expect(findTextProblem(text, 'HTML', 'text')).toBeUndefined();
    }
  });

  it('shows the perceptron rule for the step activation', () => {
    const text = renderStep(
      t,
      viewOf(
        language,
        rowsOf(3, 2, (r, i) => r + i),
      ),
    );
    const step = renderStep(
      t,
      viewOf(
        language,
        rowsOf(3, 2, (r, i) => r + i),
        'step',
      ),
    );
    expect(text).toContain(t('step.deltaSigmoid'));
    expect(step).toContain(t('step.deltaStep'));
    expect(step).not.toContain(t('step.deltaSigmoid'));
  });
});

describe.each(['en', 'ru'] as const)('renderStepSummary in %s', (language) => {
  const t = textsFor(language);
  const cases: [string, Row[], string[] | undefined][] = [
    ['the lesson’s four rows', rowsOf(4, 3, (r, i) => (r + i) % 2), undefined],
    ['40 rows of 32 inputs of 0 and 1', rowsOf(40, 32, (r, i) => ((r * 7 + i * 3) % 5) % 2), undefined],
    [
      '1,000 rows of long numbers',
      rowsOf(1000, 32, (r, i) => -(r + 1) * (i + 3) * 1.234567891e-7),
      undefined,
    ],
    ['huge numbers', rowsOf(1000, 32, (r, i) => (r - 500) * (i + 1) * 1.23456789e290), undefined],
    [
      '32 names of 24 letters',
      rowsOf(1000, 32, (r, i) => (r - 500) * (i + 1) * 1.23456789e290),
      LONG_NAMES.map((name) => `w(${name})`),
    ],
  ];

  it.each(cases)('fits a phone’s screen for %s, in valid HTML', (_, rows, names) => {
    const text = renderStepSummary(t, viewOf(language, rows, 'sigmoid', names));
    expect(text.length).toBeLessThanOrEqual(SCREEN_LIMIT);
    expect(text).toContain(t('step.adjust'));
    expect(findTextProblem(text, 'HTML', 'text')).toBeUndefined();
  });

  it('works out the first row in full and lists the next ones in a table, counting the rest', () => {
    // Right after /step: no epochs skipped before it.
    const summary = (count: number) =>
      renderStepSummary(t, {
        ...viewOf(
          language,
          rowsOf(count, 3, (r, i) => (r + i) % 2),
        ),
        skipped: 0,
      });
    const four = summary(4);
    expect(rowLabels(four)).toHaveLength(1);
    expect(four).toContain(`${t('step.others')}\n<pre>`);
    expect(four.match(/^[234] +-?\d/gm)).toHaveLength(3);
    const twelve = summary(12);
    const listed = twelve.match(/^\d+ +-?\d/gm)?.length ?? 0;
    expect(listed).toBeGreaterThan(0);
    expect(twelve).toContain(t('step.moreRows', { count: 11 - listed }));
    expect(twelve.match(/(?:^|<pre>)(?:w\d|bias|смещение) += /gm)).toHaveLength(4);
  });

  it('counts the weights it leaves out when they do not fit', () => {
    const names = LONG_NAMES.map((name) => `w(${name})`);
    const rows = rowsOf(1000, 32, (r, i) => (r - 500) * (i + 1) * 1.23456789e290);
    const text = renderStepSummary(t, viewOf(language, rows, 'sigmoid', names));
    const listed = text.match(/(?:^|<pre>)w\(sensor \d\d reading, units\) += /gm) ?? [];
    expect(listed.length).toBeLessThan(33);
    expect(text).toContain(t('step.moreWeights', { count: 33 - listed.length }));
  });
});

describe('Russian plurals in a step', () => {
  const t = textsFor('ru');
  it.each([
    [9, '…и ещё 1 строка:'],
    [10, '…и ещё 2 строки:'],
    [13, '…и ещё 5 строк:'],
    [29, '…и ещё 21 строка:'],
    [19, '…и ещё 11 строк:'],
  ])('%i rows leave %s', (count, text) => {
    expect(
      renderStep(
        t,
        viewOf(
          'ru',
          rowsOf(count, 3, (r, i) => (r + i) % 2),
        ),
      ),
    ).toContain(text);
  });

  it('counts skipped and trained epochs with the right noun', () => {
    const text = renderStep(
      t,
      viewOf(
        'ru',
        rowsOf(4, 3, (r, i) => (r + i) % 2),
      ),
    );
    expect(text).toMatch(/^⏩ Без подробностей прошло: 9 эпох;/);
    expect(text).toContain('Всего обучено: 1 эпоха.');
    expect(text).toContain('4 строки.');
  });
});
