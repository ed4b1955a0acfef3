import { formatNumber } from '../core/dataset-format.js';

/** A cell of a CSV the bot writes: a number it computed, or text that anyone may have chosen (a name). */
export type CsvCell = number | string;

// A spreadsheet runs a cell starting with = + - @, a tab or a CR as a formula (CSV injection), quotes
// and spaces before them notwithstanding. A cell starts at the start of a field, and also after any
// comma, semicolon, tab or line break inside it: Excel in a Russian locale splits a CSV on semicolons,
// and there a quote in the middle of a field quotes nothing. A quote put at each such start keeps the
// cell text.
const CELL_START = /(?<=^|[,;\t\r\n])[ "']*[=+\-@\t\r]/g;
const GUARDED_START = /(?<=^|[,;\t\r\n])'(?=[ "']*[=+\-@\t\r])/g;

/** Text that a spreadsheet would run as a formula, under any separator, kept as text; other text unchanged. */
export function guardFormula(text: string): string {
  return text.replace(CELL_START, "'$&");
}

/** The text that guardFormula was given: the bot reads its own files back to the same names. */
export function unguardFormula(cell: string): string {
  return cell.replace(GUARDED_START, '');
}

/**
 * The one CSV writer of the bot: CRLF line ends, commas between cells (RFC 4180). Numbers are written in
 * their shortest exact form ('-0' kept) and stay numbers; text is guarded against formulas, then quoted
 * when it holds a quote, a separator (comma, semicolon, tab) or any other white space, quotes doubled.
 */
export function writeCsvLines(lines: readonly (readonly CsvCell[])[]): string {
  return lines.map((cells) => `${cells.map(writeCell).join(',')}\r\n`).join('');
}

function writeCell(cell: CsvCell): string {
  if (typeof cell === 'number') return formatNumber(cell);
  const text = guardFormula(cell);
  return /[",;\s]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
