import type { NumberFormat } from '../../core/number-format.js';
import type { TrainingMethod } from '../../core/types.js';
import { escapeHtml, type Translate } from '../../i18n/i18n.js';
import type { ComparisonOutcome } from '../../training/run-comparison.js';

export interface ComparisonView {
  outcome: ComparisonOutcome;
  /** The target loss, when set and the activation is the sigmoid: a column of its own. */
  target?: number;
  withoutRprop: boolean;
  /** The title: rows, epochs and seed in words. */
  title: string;
  numbers: NumberFormat;
}

/**
 * The /compare answer: one row per method with the epoch it first had every row right, the epoch it
 * reached the target loss (when set), its final loss and its training time; "—" for never. The losses
 * differ by hundreds of powers of ten, so all of them are in exponent form; the legend explains only the
 * columns and marks the table shows.
 */
export function renderComparison(t: Translate, view: ComparisonView): string {
  const { outcome, target, numbers } = view;
  const header = [
    t('methods.compare.method'),
    t('methods.compare.allRight'),
    ...(target === undefined ? [] : [t('methods.compare.target', { target: numbers.value(target) })]),
    t('methods.compare.loss'),
    t('methods.compare.time'),
  ];
  const never = '—';
  const lines = outcome.results.map(({ method, outcome: result }) => {
    // Stopped before it started (still queued for a worker): not run either.
    if (!result?.evaluation) return [code(method), t('methods.compare.notRun')];
    const at = (i: number) => {
      const epoch = result.reachedAt?.[i];
      return epoch === null || epoch === undefined ? never : numbers.count(epoch);
    };
    const ms = numbers.fixed(result.elapsedMs, result.elapsedMs < 10 ? 1 : 0);
    return [
      code(method),
      at(0),
      ...(target === undefined ? [] : [at(1)]),
      numbers.lossExponent(result.evaluation.loss),
      t('methods.compare.ms', { n: ms }),
    ];
  });
  const legend = [
    t('methods.compare.legendAllRight'),
    ...(target === undefined ? [] : [t('methods.compare.legendTarget')]),
    ...(lines.some((cells) => cells.includes(never)) ? [t('methods.compare.legendNever')] : []),
  ];
  return [
    view.title,
    `<pre>${escapeHtml(alignColumns([header, ...lines]))}</pre>`,
    legend.join(' '),
    ...(view.withoutRprop ? [t('methods.compare.noGradient')] : []),
    ...(outcome.stopped ? [t('methods.compare.stopped')] : []),
  ].join('\n');
}

/** The short name the table uses: the same word as /set method takes. */
const code = (method: TrainingMethod): string => method;

/** Left-aligned columns, two spaces apart. */
function alignColumns(table: string[][]): string {
  const widths = table[0]?.map((_, c) => Math.max(...table.map((row) => [...(row[c] ?? '')].length))) ?? [];
  return table
    .map((row) =>
      row
        .map((cell, c) =>
          c === row.length - 1 ? cell : cell.padEnd((widths[c] ?? 0) + 2 - ([...cell].length - cell.length)),
        )
        .join('')
        .trimEnd(),
    )
    .join('\n');
}
