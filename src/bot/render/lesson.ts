import { formatNumber } from '../../core/dataset-format.js';
import type { Evaluation } from '../../core/evaluate.js';
import type { Prediction } from '../../core/predict.js';
import type { ModelState, Row } from '../../core/types.js';
import { escapeHtml, type Translate } from '../../i18n/i18n.js';
import { renderRowLines } from './data-table.js';
import { formatFixed, formatLoss } from './numbers.js';
import { formatValue, inParentheses, renderStep, renderWorkedRow, type StepView } from './step.js';
import { renderWeightLines } from './weights.js';

/** What a stage of the tour shows; each stage reads the parts it needs. */
export interface LessonView {
  stage: number;
  rows: readonly Row[];
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
  const weights = () => pre(renderWeightLines(t, view.model?.weights ?? []));
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
      return [t('lesson.table.text'), pre(renderRowLines(view.rows)), t('lesson.table.rule')];
    case 2:
      return [t('lesson.neuron.text'), t('lesson.neuron.diagram'), t('lesson.neuron.next')];
    case 3:
      return [t('lesson.weights.text'), weights(), t('lesson.weights.next')];
    case 4:
      return [t('lesson.forward.text'), renderForwardPass(t, view.step), t('lesson.forward.next')];
    case 5:
      return [
        t('lesson.adjust.text'),
        '',
        view.step ? renderStep(t, view.step) : '',
        '',
        t('lesson.adjust.next'),
      ];
    case 6: {
      const first = formatLoss(view.model?.lossHistory[0]?.loss ?? Number.NaN);
      const loss = formatLoss(view.evaluation?.loss ?? Number.NaN);
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
      const accuracy = Math.round((view.evaluation?.accuracy ?? 0) * 1000) / 10;
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

/** Each row's sum and output only: the errors come in the next stage. */
function renderForwardPass(t: Translate, step: StepView | undefined): string {
  if (!step) return '';
  const blocks = step.step.rows.map((_, i) => renderWorkedRow(t, step, i).slice(0, 3).join('\n'));
  return `<pre>${blocks.join('\n\n')}</pre>`;
}

function renderOutputs(view: LessonView): string[] {
  const { evaluation } = view;
  return renderRowLines(view.rows, (i) => {
    const mark = evaluation?.predicted[i] === evaluation?.targets[i] ? '✓' : '✗';
    return `${formatFixed(evaluation?.outputs[i] ?? Number.NaN)} ${mark}`;
  });
}

function renderPrediction(t: Translate, view: LessonView): string {
  const { prediction, model } = view;
  if (!prediction || !model) return '';
  const formula = prediction.inputs
    .map((x, i) => `${formatNumber(x)}×${inParentheses(model.weights[i] as number)}`)
    .join(' + ');
  const sum = formatValue(prediction.sum);
  const lines = [
    t('step.sum', { formula: `${formula} = ${sum}` }),
    t('step.out', { activation: t('activation.sigmoid'), sum, output: formatValue(prediction.output) }),
  ];
  return `<pre>${lines.join('\n')}</pre>`;
}
