import type { NumberFormat } from '../../core/number-format.js';
import type { EpochStep } from '../../core/step.js';
import type { Activation } from '../../core/types.js';
import type { Translate } from '../../i18n/i18n.js';
import { MESSAGE_LIMIT, SCREEN_LIMIT } from '../kit/reply.js';
import {
  EXPANDED_TERMS,
  formatValue,
  inParentheses,
  nameActivation,
  renderRowTable,
  renderWorkedRow,
} from './render-step-rows.js';

/** Rows worked out in full when every row is asked for; the rest are counted. */
export const SHOWN_STEP_ROWS = 8;
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
  /** Numbers as the reader writes them: 0.5 or 0,5, 20,000 or 20 000. */
  numbers: NumberFormat;
}

/** The pieces of an epoch's message: what it is, what the forward pass does, the working, and the loss. */
export interface StepParts {
  head: string[];
  forward: string;
  working: string[];
  footer: string;
}

/**
 * How much one rendering shows: rows worked out in full, rows in the short table after them, inputs
 * written per row, weights listed in the adjustment, and whether the first weight's sum is written out.
 */
interface Detail {
  worked: number;
  listed: number;
  inputs: number;
  weights: number;
  example: boolean;
}

const ALL = Number.POSITIVE_INFINITY;

const FULL_DETAILS: Detail[] = [
  { worked: SHOWN_STEP_ROWS, listed: 0, inputs: ALL, weights: ALL, example: true },
  { worked: SHOWN_STEP_ROWS, listed: 0, inputs: CUT_INPUTS, weights: ALL, example: true },
  { worked: 4, listed: 0, inputs: CUT_INPUTS, weights: ALL, example: true },
  { worked: 2, listed: 0, inputs: CUT_INPUTS, weights: ALL, example: true },
  { worked: 1, listed: 0, inputs: CUT_INPUTS, weights: ALL, example: true },
  { worked: 0, listed: 0, inputs: 0, weights: ALL, example: false },
];

// What goes first when a screen is short: the sum written out, then the table of the other rows, since
// the weights' changes matter most.
const SUMMARY_DETAILS: Detail[] = [
  { worked: 1, listed: 3, inputs: ALL, weights: ALL, example: true },
  { worked: 1, listed: 3, inputs: ALL, weights: ALL, example: false },
  { worked: 1, listed: 3, inputs: CUT_INPUTS, weights: 8, example: false },
  { worked: 1, listed: 1, inputs: CUT_INPUTS, weights: 8, example: false },
  { worked: 1, listed: 0, inputs: CUT_INPUTS, weights: 8, example: false },
  { worked: 1, listed: 0, inputs: CUT_INPUTS, weights: 4, example: false },
  { worked: 1, listed: 0, inputs: 4, weights: 2, example: false },
  { worked: 0, listed: 0, inputs: 0, weights: 1, example: false },
  { worked: 0, listed: 0, inputs: 0, weights: 0, example: false },
];

/** The parts joined as /step sends them. */
export const joinStepParts = (parts: StepParts): string =>
  [...parts.head, parts.forward, ...parts.working, parts.footer].join('\n');

/**
 * One epoch with the member's numbers, every row worked out: each row forward, its error and δ, then each
 * weight's change. Wide rows are written shorter, and fewer of them, so that it always fits Telegram's limit.
 */
export function renderStep(t: Translate, view: StepView): string {
  return fitDetail(t, view, FULL_DETAILS, MESSAGE_LIMIT, joinStepParts);
}

/**
 * The same epoch at a glance: the first row worked out in full, a short table of the others, and each
 * weight's change, within a phone's screen. `frame` puts the parts into the message that carries them.
 */
export function renderStepSummary(
  t: Translate,
  view: StepView,
  frame: (parts: StepParts) => string = joinStepParts,
): string {
  return fitDetail(t, view, SUMMARY_DETAILS, SCREEN_LIMIT, frame);
}

function fitDetail(
  t: Translate,
  view: StepView,
  details: readonly Detail[],
  limit: number,
  frame: (parts: StepParts) => string,
): string {
  let text = '';
  for (const detail of details) {
    text = frame(renderParts(t, view, detail));
    if (text.length <= limit) break;
  }
  return text;
}

function renderParts(t: Translate, view: StepView, detail: Detail): StepParts {
  const { step, numbers } = view;
  const title = t('step.title', {
    epoch: numbers.count(step.epoch),
    activation: nameActivation(t, view),
    lr: numbers.value(view.learningRate),
    rows: view.rows(step.rows.length),
  });
  return {
    head: [...(view.skipped > 0 ? [t('step.skipped', { epochs: view.epochs(view.skipped) })] : []), title],
    forward: t('step.forward', { activation: nameActivation(t, view) }),
    working: [...renderForward(t, view, detail), ...renderAdjustment(t, view, detail)],
    footer: step.diverged
      ? t('step.diverged')
      : t('step.footer', { loss: numbers.loss(step.loss), total: view.epochs(step.model.epochsTrained) }),
  };
}

/** The forward pass: what δ is, rows worked out, a table of the next ones, and how many were left out. */
function renderForward(t: Translate, view: StepView, detail: Detail): string[] {
  const total = view.step.rows.length;
  const worked = Math.min(detail.worked, total);
  const listed = Math.min(detail.listed, total - worked);
  const hidden = total - worked - listed;
  const blocks = Array.from({ length: worked }, (_, i) =>
    renderWorkedRow(t, view, i, detail.inputs).join('\n'),
  );
  return [
    t(view.activation === 'sigmoid' ? 'step.deltaSigmoid' : 'step.deltaStep'),
    ...(blocks.length > 0 ? [`<pre>${blocks.join('\n\n')}</pre>`] : []),
    ...(listed > 0
      ? [t('step.others'), `<pre>${renderRowTable(t, view, worked, listed).join('\n')}</pre>`]
      : []),
    ...(hidden > 0 ? [t('step.moreRows', { count: hidden })] : []),
  ];
}

/** Each weight: old + learning rate × (X.T @ δ) = new; with few rows, the first sum written out. */
function renderAdjustment(t: Translate, view: StepView, detail: Detail): string[] {
  const { step, names, numbers } = view;
  const listed = step.before.slice(0, detail.weights);
  const width = Math.max(0, ...names.slice(0, listed.length).map((name) => name.length));
  const lines = listed.map((before, i) =>
    t('step.weightLine', {
      name: (names[i] ?? '').padEnd(width),
      before: formatValue(numbers, before),
      lr: numbers.value(view.learningRate),
      gradient: inParentheses(numbers, step.gradient[i] as number),
      after: formatValue(
        numbers,
        step.diverged ? before + (step.change[i] as number) : (step.after[i] as number),
      ),
    }),
  );
  const hidden = step.before.length - listed.length;
  const example =
    detail.example && step.rows.length <= EXPANDED_TERMS
      ? [
          t('step.example', {
            name: names[0] ?? '',
            formula: step.rows
              .map((row) => `${numbers.value(row.inputs[0] as number)}×${inParentheses(numbers, row.term)}`)
              .join(' + '),
            value: formatValue(numbers, step.gradient[0] as number),
          }),
        ]
      : [];
  return [
    t('step.adjust'),
    ...example,
    ...(lines.length > 0 ? [`<pre>${lines.join('\n')}</pre>`] : []),
    ...(hidden > 0 ? [t('step.moreWeights', { count: hidden })] : []),
  ];
}
