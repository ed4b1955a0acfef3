import type { TrainingMethod } from '../../core/types.js';
import { escapeHtml, type Translate } from '../../i18n/i18n.js';
import type { ComparisonOutcome } from '../../training/run-comparison.js';
import { formatLoss } from './numbers.js';

export interface ComparisonView {
  outcome: ComparisonOutcome;
  /** The target loss, when set and the activation is the sigmoid: a column of its own. */
  target?: number;
  withoutRprop: boolean;
  /** The title: rows, epochs and seed in words. */
  title: string;
  count: (n: number) => string;
}

/**
 * The /compare answer: one row per method with the epoch it first had every row right, the epoch it
 * reached the target loss (when set), its final loss and its training time; "—" for never.
 */
export function renderComparison(t: Translate, view: ComparisonView): string {
  const { outcome, target, count } = view;
  const header = [
    t('methods.compare.method'),
    t('methods.compare.allRight'),
    ...(target === undefined ? [] : [t('methods.compare.target', { target })]),
    t('methods.compare.loss'),
    t('methods.compare.time'),
  ];
  const never = '—';
  const lines = outcome.results.map(({ method, outcome: result }) => {
    // Stopped before it started (still queued for a worker): not run either.
    if (!result?.evaluation) return [code(method), t('methods.compare.notRun')];
    const at = (i: number) => {
      const epoch = result.reachedAt?.[i];
      return epoch === null || epoch === undefined ? never : count(epoch);
    };
    const ms = result.elapsedMs < 10 ? result.elapsedMs.toFixed(1) : String(Math.round(result.elapsedMs));
    return [
      code(method),
      at(0),
      ...(target === undefined ? [] : [at(1)]),
      formatLoss(result.evaluation.loss),
      t('methods.compare.ms', { n: ms }),
    ];
  });
  return [
    view.title,
    `<pre>${escapeHtml(alignColumns([header, ...lines]))}</pre>`,
    t('methods.compare.legend'),
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
