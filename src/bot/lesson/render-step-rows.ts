import type { NumberFormat } from '../../core/number-format.js';
import type { RowStep } from '../../core/step.js';
import type { Translate } from '../../i18n/i18n.js';
import type { StepView } from './render-step.js';

// One row of an epoch as /step and the tour write it: worked out in full, or as a line of a table.

/** Sums with more products than this are given as their result only. */
export const EXPANDED_TERMS = 4;

/** The activation's name in the reader's language. */
export const nameActivation = (t: Translate, view: Pick<StepView, 'activation'>) =>
  t(view.activation === 'sigmoid' ? 'activation.sigmoid' : 'activation.step');

/** Row `index` worked out: its inputs, sum, output, error and δ, one line each, for a <pre> block. */
export function renderWorkedRow(
  t: Translate,
  view: StepView,
  index: number,
  inputs = Number.POSITIVE_INFINITY,
): string[] {
  const { numbers } = view;
  const row = view.step.rows[index] as RowStep;
  const shownInputs = numbers.inputs(row.inputs).slice(0, inputs);
  if (row.inputs.length > inputs) shownInputs.push('…');
  const weights = view.step.before;
  const factors = [...row.inputs, ...(weights.length > row.inputs.length ? [1] : [])];
  const formula =
    factors.length <= EXPANDED_TERMS
      ? `${factors.map((x, c) => `${numbers.value(x)}×${inParentheses(numbers, weights[c] as number)}`).join(' + ')} = `
      : '';
  const values = rowValues(view, row);
  return [
    t('step.row', { n: index + 1, inputs: shownInputs.join(' '), target: values.target }),
    t('step.sum', { formula: `${formula}${values.sum}` }),
    t('step.out', { ...values, activation: nameActivation(t, view) }),
    t('step.error', values),
    t(view.activation === 'sigmoid' ? 'step.termSigmoid' : 'step.termStep', values),
  ];
}

function rowValues(view: StepView, row: RowStep) {
  const { numbers } = view;
  return {
    target: numbers.value(row.target),
    sum: formatValue(numbers, row.sum),
    output: view.activation === 'step' ? numbers.value(row.output) : formatValue(numbers, row.output),
    error: formatValue(numbers, row.error),
    term: formatValue(numbers, row.term),
  };
}

/** `count` rows from `from` as a right-aligned table: the row's number, its output, error and δ. */
export function renderRowTable(t: Translate, view: StepView, from: number, count: number): string[] {
  const header = ['', t('step.columns.output'), t('step.columns.error'), 'δ'];
  const lines = view.step.rows.slice(from, from + count).map((row, i) => {
    const values = rowValues(view, row);
    return [String(from + i + 1), values.output, values.error, values.term];
  });
  const table = [header, ...lines];
  const widths = header.map((_, c) => Math.max(...table.map((cells) => (cells[c] ?? '').length)));
  return table.map((cells) => cells.map((cell, c) => cell.padStart(widths[c] ?? 0)).join('  '));
}

/** Five decimals, as the lesson prints; huge values in exponent form so that every line stays short. */
export function formatValue(numbers: NumberFormat, n: number): string {
  return Number.isFinite(n) && Math.abs(n) >= 1e6 ? numbers.exponent(n) : numbers.fixed(n);
}

/** A factor in a written-out product: negative values in parentheses, `1×(-0.99977)`. */
export function inParentheses(numbers: NumberFormat, n: number): string {
  const text = formatValue(numbers, n);
  return text.startsWith('-') ? `(${text})` : text;
}
