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
 * How a spreadsheet opens a CSV with a double click: Excel takes the separator and the decimal mark from
 * the system's region (`;` and `,` in Russian), and reads the file as UTF-8 only when it starts with a BOM.
 */
export interface CsvDialect {
  separator: ',' | ';';
  decimalMark: '.' | ',';
  byteOrderMark: boolean;
}

/** RFC 4180, what the bot reads back itself: commas, decimal points, no BOM. */
const PLAIN_CSV: CsvDialect = { separator: ',', decimalMark: '.', byteOrderMark: false };

/**
 * The one CSV writer of the bot: CRLF line ends, commas between cells (RFC 4180) unless `dialect` says
 * otherwise. Numbers are written in their shortest exact form ('-0' kept) and stay numbers; text is
 * guarded against formulas, then quoted when it holds a quote, a separator (comma, semicolon, tab) or any
 * other white space, quotes doubled.
 */
export function writeCsvLines(
  lines: readonly (readonly CsvCell[])[],
  dialect: CsvDialect = PLAIN_CSV,
): string {
  const { separator, decimalMark } = dialect;
  const write = (cell: CsvCell): string =>
    typeof cell === 'number' ? formatNumber(cell).replace('.', decimalMark) : writeText(cell);
  const body = lines.map((cells) => `${cells.map(write).join(separator)}\r\n`).join('');
  return dialect.byteOrderMark ? `\uFEFF${body}` : body;
}

function writeText(cell: string): string {
  const text = guardFormula(cell);
  return /[",;\s]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
