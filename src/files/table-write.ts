import type { Row } from '../core/types.js';
import { type ColumnNames, columnNamesFor, defaultColumnNames } from './column-names.js';
import { writeCsvLines } from './csv-write.js';

/**
 * The rows as CSV that readTable reads back to the same numbers and names: a header line (the column
 * names, or x1 … xn, y), then one row per line. Names that look like formulas are guarded (csv-write.ts).
 */
export function writeCsv(rows: readonly Row[], columns?: ColumnNames): string {
  const width = rows[0]?.inputs.length ?? columns?.inputs.length ?? 1;
  const names = columnNamesFor(columns, width) ?? defaultColumnNames(width);
  return writeCsvLines([[...names.inputs, names.output], ...rows.map((row) => [...row.inputs, row.output])]);
}
