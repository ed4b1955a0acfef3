/**
 * Reads the rows of a CSV, TSV or plain-text file.
 *
 * One row per line; the last column is the output. Cells are separated by tabs, semicolons, commas or
 * spaces (see detectSeparator); when the file's last row has an arrow, every line is read as a typed row
 * (`0 0 1 -> 0`). The first line is a header when its cells are not all numbers: it is skipped, and its
 * names are kept unless they are the default x1 … xn, y (a name the bot's own writer guarded against
 * formulas reads back without its guard). Each line is handed to parseRows as
 * `cell ; cell ; -> output`, so numbers (and decimal commas: `0,5;1;0` is 0.5, 1, 0), limits and errors
 * are exactly those of typed rows, with line numbers and texts of the file.
 */
import { cutText } from '../core/cut-text.js';
import {
  type ParseLimits,
  parseQuery,
  parseRows,
  type RowError,
  splitAtArrow,
} from '../core/dataset-parse.js';
import type { Row } from '../core/types.js';
import { type ColumnNames, toColumnNames } from './column-names.js';
import { unguardFormula } from './csv-write.js';
import { detectSeparator, type Separator, splitCells, unquote } from './table-split.js';

export interface TableReadOptions {
  limits: ParseLimits;
  /** Width of the dataset the rows are added to. */
  expectedInputs?: number;
  /** Rows already stored; they count against maxRows. */
  existingRows?: number;
}

export type TableReadResult =
  | { ok: true; rows: Row[]; columns?: ColumnNames }
  | { ok: false; errors: RowError[] };

/** Reads a file's text. Never throws on any string. */
export function readTable(text: string, options: TableReadOptions): TableReadResult {
  const cleaned = text.split(/\r\n|\r|\n/).map(clean);
  const first = cleaned.findIndex((line) => line !== '');
  if (first < 0) return { ok: true, rows: [] };
  const arrowForm = splitAtArrow(cleaned.findLast((line) => line !== '') ?? '') !== undefined;
  const separator = detectSeparator(cleaned[first] as string);
  const lines = arrowForm ? cleaned : dropTrailingSeparator(cleaned, separator);
  const asRow = (line: string) => (arrowForm || line === '' ? line : joinCells(splitCells(line, separator)));
  const header = readHeader(lines[first] as string, arrowForm, separator);
  const checked = header && checkHeader(header, first + 1, lines[first] as string, options);
  if (checked && 'error' in checked) return { ok: false, errors: [checked.error] };

  const body = lines.map((line, i) => (header && i === first ? '' : asRow(line)));
  const expectedInputs = options.expectedInputs ?? checked?.width;
  const parsed = parseRows(body.join('\n'), {
    limits: options.limits,
    ...(options.existingRows === undefined ? {} : { existingRows: options.existingRows }),
    ...(expectedInputs === undefined ? {} : { expectedInputs }),
  });
  if (!parsed.ok) {
    const errors = parsed.errors.map((error) => ({ ...error, text: cut(lines[error.line - 1] ?? '') }));
    return { ok: false, errors };
  }
  const columns = header && toColumnNames(header.map(unguardFormula));
  return columns ? { ok: true, rows: parsed.rows, columns } : { ok: true, rows: parsed.rows };
}

/** The header's cells when the first line is one (its cells are not all numbers); undefined otherwise. */
function readHeader(line: string, arrowForm: boolean, separator: Separator): string[] | undefined {
  const sides = arrowForm ? splitAtArrow(line) : undefined;
  const cells = sides
    ? [...splitCells(sides[0], detectSeparator(sides[0])), unquote(sides[1].trim())]
    : splitCells(line, separator);
  const isText = (cell: string) => {
    const read = parseQuery(cell, 1);
    return !read.ok && read.error.code !== 'empty' && read.error.code !== 'not-finite';
  };
  return cells.some(isText) ? cells : undefined;
}

function checkHeader(
  cells: string[],
  line: number,
  text: string,
  options: TableReadOptions,
): { width?: number } | { error: RowError } {
  const width = cells.length - 1;
  if (width < 1) return {};
  const at = { line, text: cut(text) };
  if (width > options.limits.maxInputs) {
    return { error: { ...at, code: 'too-many-inputs', expected: options.limits.maxInputs, actual: width } };
  }
  const expected = options.expectedInputs;
  if (expected !== undefined && expected !== width) {
    return { error: { ...at, code: 'width-mismatch', expected, actual: width } };
  }
  return { width };
}

/** Some spreadsheets end every line with a separator: that empty last column is dropped. */
function dropTrailingSeparator(lines: string[], separator: Separator): string[] {
  if (separator === 'space') return lines;
  const filled = lines.filter((line) => line !== '');
  if (!filled.every((line) => line.endsWith(separator))) return lines;
  return lines.map((line) => line.slice(0, -1).trimEnd());
}

/** Cells as a typed row; the separators around every input keep a comma inside a cell a decimal mark. */
function joinCells(cells: readonly string[]): string {
  if (cells.length < 2) return ` -> ${cells[0] ?? ''}`;
  return `${cells.slice(0, -1).join(' ; ')} ; -> ${cells.at(-1)}`;
}

/** A line trimmed, and empty when it holds nothing visible (format marks such as a BOM count as nothing). */
function clean(line: string): string {
  return /[^\s\p{Cf}]/u.test(line) ? line.replace(/^\uFEFF/, '').trim() : '';
}

function cut(text: string): string {
  return cutText(text, 60);
}
