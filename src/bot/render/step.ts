import { formatNumber } from '../../core/dataset-format.js';
import type { EpochStep, RowStep } from '../../core/step.js';
import type { Activation } from '../../core/types.js';
import type { Translate } from '../../i18n/i18n.js';
import { MESSAGE_LIMIT } from '../reply.js';
import { formatFixed, formatLoss } from './numbers.js';

/** Rows worked out in full; the rest are counted. */
export const SHOWN_STEP_ROWS = 8;
/** Sums with more products than this are given as their result only. */
const EXPANDED_TERMS = 4;
const CUT_INPUTS = 8;

export interface StepView {
  step: EpochStep;
  activation: Activation;
  learningRate: number;
  /** Epochs that ran without being shown just before this one (⏩ 10 more). */
  skipped: number;
  /** Names of the weights, the bias last. */
  names: string[];
  epochs: (n: number) => string;
  rows: (n: number) => string;
  /** A whole number as the reader writes it: 20,000 or 20 000. */
  count: (n: number) => string;
}

/** How much of the rows one rendering shows: rows worked out, and inputs written per row. */
interface Detail {
  rows: number;
  inputs: number;
}

const DETAILS: Detail[] = [
  { rows: SHOWN_STEP_ROWS, inputs: Number.POSITIVE_INFINITY },
  { rows: SHOWN_STEP_ROWS, inputs: CUT_INPUTS },
  { rows: 4, inputs: CUT_INPUTS },
  { rows: 2, inputs: CUT_INPUTS },
  { rows: 1, inputs: CUT_INPUTS },
  { rows: 0, inputs: 0 },
];

/**
 * One epoch with the member's numbers: each row forward, its error and δ, then each weight's change.
 * Wide rows are written shorter, and fewer of them, so that the message always fits Telegram's limit.
 */
export function renderStep(t: Translate, view: StepView): string {
  let text = '';
  for (const detail of DETAILS) {
    text = renderWithDetail(t, view, detail);
    if (text.length <= MESSAGE_LIMIT) break;
  }
  return text;
}

function renderWithDetail(t: Translate, view: StepView, detail: Detail): string {
  const { step } = view;
  const title = t('step.title', {
    epoch: view.count(step.epoch),
    activation: t(view.activation === 'sigmoid' ? 'activation.sigmoid' : 'activation.step'),
    lr: String(view.learningRate),
    rows: view.rows(step.rows.length),
  });
  return [
    ...(view.skipped > 0 ? [t('step.skipped', { epochs: view.epochs(view.skipped) })] : []),
    title,
    ...renderForward(t, view, detail),
    ...renderAdjustment(t, view, detail.rows > 0),
    step.diverged
      ? t('step.diverged')
      : t('step.footer', { loss: formatLoss(step.loss), total: view.epochs(step.model.epochsTrained) }),
  ].join('\n');
}

/** The forward part: the explanation, then up to `detail.rows` rows worked out, then how many were left out. */
function renderForward(t: Translate, view: StepView, detail: Detail): string[] {
  const rows = view.step.rows.slice(0, detail.rows);
  const hidden = view.step.rows.length - rows.length;
  const activation = t(view.activation === 'sigmoid' ? 'activation.sigmoid' : 'activation.step');
  const blocks = rows.map((_, i) => renderWorkedRow(t, view, i, detail.inputs).join('\n'));
  return [
    t('step.forward', { activation }),
    t(view.activation === 'sigmoid' ? 'step.deltaSigmoid' : 'step.deltaStep'),
    ...(blocks.length > 0 ? [`<pre>${blocks.join('\n\n')}</pre>`] : []),
    ...(hidden > 0 ? [t('step.moreRows', { count: hidden })] : []),
  ];
}

/** Row `index` worked out: its inputs, sum, output, error and δ, one line each, for a <pre> block. */
export function renderWorkedRow(
  t: Translate,
  view: StepView,
  index: number,
  inputs = Number.POSITIVE_INFINITY,
): string[] {
  const row = view.step.rows[index] as RowStep;
  const shownInputs = row.inputs.slice(0, inputs).map(formatNumber);
  if (row.inputs.length > inputs) shownInputs.push('…');
  const weights = view.step.before;
  const factors = [...row.inputs, ...(weights.length > row.inputs.length ? [1] : [])];
  const formula =
    factors.length <= EXPANDED_TERMS
      ? `${factors.map((x, c) => `${formatNumber(x)}×${inParentheses(weights[c] as number)}`).join(' + ')} = `
      : '';
  const activation = t(view.activation === 'sigmoid' ? 'activation.sigmoid' : 'activation.step');
  const numbers = {
    target: formatNumber(row.target),
    sum: formatValue(row.sum),
    output: view.activation === 'step' ? formatNumber(row.output) : formatValue(row.output),
    error: formatValue(row.error),
    term: formatValue(row.term),
  };
  return [
    t('step.row', { n: index + 1, inputs: shownInputs.join(' '), target: numbers.target }),
    t('step.sum', { formula: `${formula}${numbers.sum}` }),
    t('step.out', { ...numbers, activation }),
    t('step.error', numbers),
    t(view.activation === 'sigmoid' ? 'step.termSigmoid' : 'step.termStep', numbers),
  ];
}

/** Each weight: old + learning rate × (X.T @ δ) = new; with few rows, the first sum written out. */
function renderAdjustment(t: Translate, view: StepView, withExample: boolean): string[] {
  const { step, names } = view;
  const width = Math.max(...names.map((name) => name.length));
  const lines = step.before.map((before, i) =>
    t('step.weightLine', {
      name: (names[i] ?? '').padEnd(width),
      before: formatValue(before),
      lr: String(view.learningRate),
      gradient: inParentheses(step.gradient[i] as number),
      after: formatValue(step.diverged ? before + (step.change[i] as number) : (step.after[i] as number)),
    }),
  );
  const example =
    withExample && step.rows.length <= EXPANDED_TERMS
      ? [
          t('step.example', {
            name: names[0] ?? '',
            formula: step.rows
              .map((row) => `${formatNumber(row.inputs[0] as number)}×${inParentheses(row.term)}`)
              .join(' + '),
            value: formatValue(step.gradient[0] as number),
          }),
        ]
      : [];
  return [t('step.adjust'), ...example, `<pre>${lines.join('\n')}</pre>`];
}

/** Five decimals, as the lesson prints; huge values in exponent form so that every line stays short. */
export function formatValue(n: number): string {
  return Number.isFinite(n) && Math.abs(n) >= 1e6 ? n.toExponential(4) : formatFixed(n);
}

/** A factor in a written-out product: negative values in parentheses, `1×(-0.99977)`. */
export function inParentheses(n: number): string {
  const text = formatValue(n);
  return text.startsWith('-') ? `(${text})` : text;
}
