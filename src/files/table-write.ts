import { formatNumber } from '../core/dataset-format.js';
import type { Row } from '../core/types.js';
import { type ColumnNames, columnNamesFor, defaultColumnNames } from './column-names.js';

/**
 * The rows as CSV that readTable reads back to the same numbers: a header line (the column names, or
 * x1 … xn, y), then one row per line, comma-separated, numbers in their shortest exact form ('-0' kept).
 */
export function writeCsv(rows: readonly Row[], columns?: ColumnNames): string {
  const width = rows[0]?.inputs.length ?? columns?.inputs.length ?? 1;
  const names = columnNamesFor(columns, width) ?? defaultColumnNames(width);
  const header = [...names.inputs, names.output].map(quoteCell).join(',');
  const lines = rows.map((row) => [...row.inputs, row.output].map(formatNumber).join(','));
  return `${[header, ...lines].join('\r\n')}\r\n`;
}

/** A cell quoted when a spreadsheet would need it to read the cell back whole. */
function quoteCell(cell: string): string {
  return /[",;\t\s]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
