import type { Row } from './types.js';

/**
 * A number in the shortest form that reads back as the same double ('0.1', '-1', '1e-7', '1.5e+300').
 * Negative zero is written '-0' so that it survives a round trip; NaN and infinities are written as
 * JavaScript does, and the parser rejects them.
 */
export function formatNumber(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}

/** A row as parseRows reads it back: '0 0 1 -> 0'. */
export function formatRow(row: Row): string {
  return `${row.inputs.map(formatNumber).join(' ')} -> ${formatNumber(row.output)}`;
}

/** Rows one per line, in the form parseRows reads back. */
export function formatRows(rows: readonly Row[]): string {
  return rows.map(formatRow).join('\n');
}
