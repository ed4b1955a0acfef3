import type { Evaluation } from '../../core/evaluate.js';
import type { TrainResult } from '../../core/train-types.js';
import type { Row } from '../../core/types.js';
import { escapeHtml, type Translate } from '../../i18n/i18n.js';
import { renderRowLines } from './data-table.js';
import { formatFixed, formatLoss } from './numbers.js';
import { renderWeightLines } from './weights.js';

const SHOWN_ROWS = 16;

export interface ResultView {
  result: TrainResult;
  epochsAsked: number;
  rows: readonly Row[];
  evaluation: Evaluation;
  /** Why it stopped early, if it did. */
  stoppedBy?: 'user' | 'shutdown';
  count: (n: number) => string;
  epochs: (n: number) => string;
}

/** The message after a training: what happened, the weights, each row's output, and what went wrong. */
export function renderTrainingResult(t: Translate, view: ResultView): string {
  const { result, evaluation, rows, count, epochs } = view;
  const head = view.stoppedBy
    ? t(view.stoppedBy === 'shutdown' ? 'train.shutdown' : 'train.stopped', {
        epochsRun: count(result.epochsRun),
        epochs: count(view.epochsAsked),
      })
    : t('train.done', { epochsRun: epochs(result.epochsRun), total: count(result.model.epochsTrained) });
  const summary = t('train.summary', {
    loss: formatLoss(evaluation.loss),
    accuracy: Math.round(evaluation.accuracy * 1000) / 10,
  });
  const weights = renderWeightLines(t, result.model.weights, result.model.bias);
  const outputLines = renderRowLines(rows.slice(0, SHOWN_ROWS), (i) => {
    const mark = evaluation.predicted[i] === evaluation.targets[i] ? '✓' : '✗';
    return `${formatFixed(evaluation.outputs[i] ?? Number.NaN)} ${mark}`;
  });
  const hidden = rows.length - SHOWN_ROWS;
  return [
    head,
    summary,
    `${t('train.weights')}\n<pre>${escapeHtml(weights.join('\n'))}</pre>`,
    `${t('train.outputs')}\n<pre>${escapeHtml(outputLines.join('\n'))}</pre>`,
    ...(hidden > 0 ? [t('train.moreRows', { count: hidden })] : []),
    ...renderDiagnosis(t, evaluation),
  ].join('\n');
}

/** Below 100%: which rows are wrong, contradictions, and whether one neuron can separate the data at all. */
function renderDiagnosis(t: Translate, evaluation: Evaluation): string[] {
  if (evaluation.wrongRows.length === 0) return [];
  const numbers = (indices: readonly number[]) => indices.map((i) => i + 1).join(', ');
  const wrong = evaluation.wrongRows;
  return [
    t('train.wrong', {
      count: wrong.length,
      rows: numbers(wrong.slice(0, 30)) + (wrong.length > 30 ? '…' : ''),
    }),
    ...evaluation.contradictions
      .slice(0, 3)
      .map((group) => t('train.contradiction', { rows: numbers(group) })),
    t(evaluation.separable ? 'train.needMore' : 'train.notSeparable'),
  ];
}
