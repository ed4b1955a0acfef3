import type { Evaluation } from '../../core/evaluate.js';
import { methodOf } from '../../core/model.js';
import type { NumberFormat } from '../../core/number-format.js';
import type { TrainResult } from '../../core/train-types.js';
import type { Row } from '../../core/types.js';
import { escapeHtml, type Translate } from '../../i18n/i18n.js';
import type { LocaleKey } from '../../i18n/locale-keys.js';
import { renderRowLines } from '../kit/render/data-table.js';
import { nameMethod } from '../kit/render/method-name.js';
import { renderWeightLines } from '../kit/render/weights.js';
import { MESSAGE_LIMIT } from '../kit/reply.js';

const SHOWN_ROWS = 16;
const LISTED_INDICES = 20;
const LISTED_CONTRADICTIONS = 3;
type StopReason = 'stopped' | 'shutdown' | 'diverged';
const STOP_KEYS: Readonly<Record<StopReason, LocaleKey>> = {
  stopped: 'train.stopped',
  shutdown: 'train.shutdown',
  diverged: 'train.diverged',
};

export interface ResultView {
  result: TrainResult;
  epochsAsked: number;
  rows: readonly Row[];
  /** Absent when the training was stopped before it started: nothing changed. */
  evaluation: Evaluation | undefined;
  /** Why it stopped early, if it did: the owner's Stop, the bot's shutdown, or weights beyond any number. */
  stoppedBy?: StopReason;
  /** Numbers as the reader writes them: decimals, losses, percentages and counts. */
  numbers: NumberFormat;
  epochs: (n: number) => string;
  /** The inputs' column names, when the dataset has names that fit it: the weights read w(temperature). */
  names?: readonly string[] | undefined;
}

/**
 * The message after a training: what happened, the weights, each row's output, and what went wrong.
 * Wide rows show fewer of them, so that the message always fits Telegram's limit.
 */
export function renderTrainingResult(t: Translate, view: ResultView): string {
  for (let shown = SHOWN_ROWS; ; shown = Math.floor(shown / 2)) {
    const text = renderWithRows(t, view, shown);
    if (text.length <= MESSAGE_LIMIT || shown === 0) return text;
  }
}

function renderWithRows(t: Translate, view: ResultView, shown: number): string {
  const { result, evaluation, rows, numbers, epochs } = view;
  const head = view.stoppedBy
    ? t(STOP_KEYS[view.stoppedBy], {
        epochsRun: numbers.count(result.epochsRun),
        epochs: numbers.count(view.epochsAsked),
      })
    : t('train.done', {
        epochsRun: epochs(result.epochsRun),
        total: numbers.count(result.model.epochsTrained),
      });
  const weights = renderWeightLines(t, numbers, result.model.weights, result.model.bias, view.names);
  const weightBlock = `${t('train.weights')}\n<pre>${escapeHtml(weights.join('\n'))}</pre>`;
  const method = t('methods.result.method', { method: nameMethod(t, methodOf(result.model.settings)) });
  if (!evaluation) return [head, t('lifecycle.notStarted'), method, weightBlock].join('\n');
  const summary = t('train.summary', {
    loss: numbers.loss(evaluation.loss),
    accuracy: numbers.percent(evaluation.accuracy),
  });
  const outputLines = renderRowLines(numbers, rows.slice(0, shown), (i) => {
    const mark = evaluation.predicted[i] === evaluation.targets[i] ? '✓' : '✗';
    return `${numbers.fixed(evaluation.outputs[i] ?? Number.NaN)} ${mark}`;
  });
  const hidden = rows.length - shown;
  return [
    head,
    ...renderReached(t, result, numbers),
    summary,
    method,
    weightBlock,
    ...(shown > 0 ? [`${t('train.outputs')}\n<pre>${escapeHtml(outputLines.join('\n'))}</pre>`] : []),
    ...(hidden > 0 ? [t('train.moreRows', { count: hidden })] : []),
    ...renderDiagnosis(t, evaluation),
  ].join('\n');
}

/** The stop rule's news: the target loss, or with the step activation accuracy 100%, and when. */
function renderReached(t: Translate, result: TrainResult, numbers: NumberFormat): string[] {
  const { settings, epochsTrained } = result.model;
  if (!result.reachedTarget || settings.target === undefined) return [];
  const epoch = numbers.count(epochsTrained);
  if (settings.activation === 'step') return [t('methods.result.reachedAllRight', { epoch })];
  return [t('methods.result.reachedTarget', { target: numbers.value(settings.target), epoch })];
}

/** Row numbers from 1, the first few of them. */
const listRows = (indices: readonly number[]) =>
  indices
    .slice(0, LISTED_INDICES)
    .map((i) => i + 1)
    .join(', ') + (indices.length > LISTED_INDICES ? ', …' : '');

/** Below 100%: which rows are wrong, contradictions, and whether one neuron can separate the data at all. */
function renderDiagnosis(t: Translate, evaluation: Evaluation): string[] {
  const wrong = evaluation.wrongRows;
  if (wrong.length === 0) return [];
  return [
    t(wrong.length === 1 ? 'train.wrongOne' : 'train.wrongMany', {
      rows: listRows(wrong),
      count: wrong.length,
    }),
    ...evaluation.contradictions
      .slice(0, LISTED_CONTRADICTIONS)
      .map((group) => t('train.contradiction', { rows: listRows(group) })),
    t(evaluation.separable ? 'train.needMore' : 'train.notSeparable'),
  ];
}
