import type { Evaluation } from '../../core/evaluate.js';
import type { NumberFormat } from '../../core/number-format.js';
import type { Prediction } from '../../core/predict.js';
import type { ModelState, Row } from '../../core/types.js';
import { escapeHtml, type Translate } from '../../i18n/i18n.js';
import { renderRowLines } from '../kit/render/data-table.js';
import { renderWeightLines } from '../kit/render/weights.js';
import { renderStepSummary, type StepView } from './render-step.js';
import { formatValue, inParentheses, renderWorkedRow } from './render-step-rows.js';

/** What a stage of the tour shows; each stage reads the parts it needs. */
export interface LessonView {
  stage: number;
  rows: readonly Row[];
  numbers: NumberFormat;
  model?: ModelState;
  step?: StepView;
  evaluation?: Evaluation;
  /** The answer for the lesson's new case (stage 7). */
  prediction?: Prediction & { inputs: number[] };
}

/** The introduction: what the tour is, and what it replaces. */
export function renderLessonIntro(t: Translate, storedRows: number, epochs: string): string {
  return [
    t('lesson.intro'),
    ...(storedRows > 0 ? [t('lesson.replaces', { count: storedRows })] : []),
    t('lesson.settings', { epochs }),
  ].join('\n');
}

/** The message of stage 1 to 8: each stage's text around the blocks of numbers it shows. */
export function renderLessonStage(t: Translate, view: LessonView): string {
  const pre = (lines: readonly string[]) => `<pre>${escapeHtml(lines.join('\n'))}</pre>`;
  const weights = () => pre(renderWeightLines(t, view.numbers, view.model?.weights ?? []));
  return renderParts(t, view, pre, weights).join('\n');
}

function renderParts(
  t: Translate,
  view: LessonView,
  pre: (lines: readonly string[]) => string,
  weights: () => string,
): string[] {
  switch (view.stage) {
    case 1:
      return [t('lesson.table.text'), pre(renderRowLines(view.numbers, view.rows)), t('lesson.table.rule')];
    case 2:
      return [t('lesson.neuron.text'), t('lesson.neuron.diagram'), t('lesson.neuron.next')];
    case 3:
      return [t('lesson.weights.text'), weights(), t('lesson.weights.next')];
    case 4:
      return [t('lesson.forward.text'), renderForwardPass(t, view.step), t('lesson.forward.next')];
    case 5:
      return [view.step ? renderAdjustStage(t, view.step) : t('lesson.adjust.text')];
    case 6: {
      const first = view.numbers.loss(view.model?.lossHistory[0]?.loss ?? Number.NaN);
      const loss = view.numbers.loss(view.evaluation?.loss ?? Number.NaN);
      const outputs = pre(renderOutputs(view));
      return [
        t('lesson.train.text', { first, loss }),
        weights(),
        t('train.outputs'),
        outputs,
        t('lesson.train.next'),
      ];
    }
    case 7:
      return [t('lesson.predict.text'), renderPrediction(t, view), t('lesson.predict.next')];
    default: {
      const accuracy = view.numbers.percent(view.evaluation?.accuracy ?? 0);
      const separable = view.evaluation?.separable !== false;
      return [
        t('lesson.xor.text'),
        pre(renderOutputs(view)),
        `${t('lesson.xor.accuracy', { accuracy })} ${t(separable ? 'train.needMore' : 'lesson.xor.verdict')}`,
        t('lesson.xor.why'),
        t('lesson.xor.next'),
      ];
    }
  }
}

/**
 * The first epoch at a glance, inside the stage's own words: one row in full, the others in a table.
 * The stage before showed the forward pass, and the stage after trains on: no title, no /step footer.
 */
function renderAdjustStage(t: Translate, step: StepView): string {
  const loss = step.numbers.loss(step.step.loss);
  return renderStepSummary(t, step, (parts) =>
    [t('lesson.adjust.text'), ...parts.working, t('lesson.adjust.next', { loss })].join('\n'),
  );
}

/** Each row's sum and output only: the errors come in the next stage. */
function renderForwardPass(t: Translate, step: StepView | undefined): string {
  if (!step) return '';
  const blocks = step.step.rows.map((_, i) => renderWorkedRow(t, step, i).slice(0, 3).join('\n'));
  return `<pre>${blocks.join('\n\n')}</pre>`;
}

function renderOutputs(view: LessonView): string[] {
  const { evaluation, numbers } = view;
  return renderRowLines(numbers, view.rows, (i) => {
    const mark = evaluation?.predicted[i] === evaluation?.targets[i] ? '✓' : '✗';
    return `${numbers.fixed(evaluation?.outputs[i] ?? Number.NaN)} ${mark}`;
  });
}

function renderPrediction(t: Translate, view: LessonView): string {
  const { prediction, model, numbers } = view;
  if (!prediction || !model) return '';
  const formula = prediction.inputs
    .map((x, i) => `${numbers.value(x)}×${inParentheses(numbers, model.weights[i] as number)}`)
    .join(' + ');
  const sum = formatValue(numbers, prediction.sum);
  const lines = [
    t('step.sum', { formula: `${formula} = ${sum}` }),
    t('step.out', {
      activation: t('activation.sigmoid'),
      sum,
      output: formatValue(numbers, prediction.output),
    }),
  ];
  return `<pre>${lines.join('\n')}</pre>`;
}
