/**
 * Reads training rows and prediction queries the way people type them on a phone.
 *
 * Rows: `inputs ARROW output`, one per line (\n, \r\n or \r). Blank lines, surrounding spaces and invisible
 * format marks (RTL marks, zero-width spaces, BOM) are ignored, except that a mark inside a number (`1\u200b0`)
 * is an invisible-character error (see read-number.ts); the minus sign U+2212 counts as '-'.
 * Arrows: -> --> —> –> => → ⇒ ⟶ and a lone '=' (no number contains '=', so it cannot be misread).
 * The first arrow splits the line; the output side must hold exactly one number, in [0, 1].
 *
 * Separators and the decimal comma:
 * - If a side has spaces or semicolons in it, those separate the numbers, a comma inside a number is a
 *   decimal mark and a comma touching a space is a separator: `0,5 1 0` and `0,5; 1; 0` are 0.5, 1, 0,
 *   `0, 0, 1` is 0, 0, 1, and `1,5,2 0` is not-a-number.
 * - Otherwise commas separate the numbers: `0,0,1` is 0, 0, 1 and `0,5` is two inputs, 0 and 5.
 * - When the width is known to be 1 (parseRows with expectedInputs 1, parseQuery with 1), there is nothing
 *   to separate, so `0,5` is 0.5.
 * - The output side holds one number, so a comma there is a decimal mark: `-> 0,5` is 0.5.
 *
 * Numbers are read by readNumber (read-number.ts), the syntax every command shares.
 *
 * The first row whose inputs read sets the width, unless expectedInputs gives it. Each bad line gets one
 * error (the first found), at most MAX_ROW_ERRORS in all, and any error means no rows. Too many rows is
 * decided by counting lines before reading any, and then is the only error. Text with no rows at all
 * gives { ok: true, rows: [] }: the caller says there is nothing to add. Work is linear in the text.
 */
import { cutText } from './cut-text.js';
import { findInvisibleInsideNumber, readNumber, removeInvisible } from './read-number.js';
import { MAX_INPUTS, type Row } from './types.js';

export type RowErrorCode =
  | 'no-arrow'
  | 'no-inputs'
  | 'no-output'
  | 'two-outputs'
  | 'not-a-number'
  | 'not-finite'
  | 'invisible-character'
  | 'output-out-of-range'
  | 'width-mismatch'
  | 'too-many-inputs'
  | 'too-many-rows';

/** One bad line, as data for the caller to put into words. */
export interface RowError {
  code: RowErrorCode;
  /** 1-based line in the text, blank lines included. */
  line: number;
  /** The offending line, trimmed and cut to about 60 characters. */
  text: string;
  /** The offending token, cut the same way. */
  token?: string;
  /** Expected inputs for width-mismatch, the limit for too-many-inputs and too-many-rows. */
  expected?: number;
  actual?: number;
}

export interface ParseLimits {
  maxRows: number;
  maxInputs: number;
}

export interface ParseRowsOptions {
  limits?: Partial<ParseLimits>;
  /** Width of the user's existing dataset; new rows must match it. */
  expectedInputs?: number;
  /** Rows already stored; they count against maxRows. */
  existingRows?: number;
}

export type ParseRowsResult = { ok: true; rows: Row[] } | { ok: false; errors: RowError[] };

export type QueryErrorCode =
  | 'empty'
  | 'not-a-number'
  | 'not-finite'
  | 'invisible-character'
  | 'wrong-arity'
  | 'has-arrow';

export interface QueryError {
  code: QueryErrorCode;
  token?: string;
  expected?: number;
  actual?: number;
}

export type ParseQueryResult = { ok: true; inputs: number[] } | { ok: false; error: QueryError };

const DEFAULT_PARSE_LIMITS: Readonly<ParseLimits> = { maxRows: 1000, maxInputs: MAX_INPUTS };
export const MAX_ROW_ERRORS = 5;

type Issue = Omit<RowError, 'line' | 'text'>;
type LineResult = { row: Row } | { issue: Issue; inputs?: number[] };
interface Line {
  line: number;
  text: string;
  /** The piece with an invisible mark inside a number, if any, the mark written out. */
  invisible?: string;
}

const ARROW = /-{1,2}>|[—–]>|=>|[→⇒⟶]|=/;
const VISIBLE = /[^\s\p{Cf}]/u;
const TEXT_LIMIT = 60;

/**
 * Reads rows, one per line. Never throws on any string; throws RangeError only for bad options.
 * See the top of this file for the accepted forms.
 */
export function parseRows(text: string, options: ParseRowsOptions = {}): ParseRowsResult {
  if (typeof text !== 'string') throw new TypeError('parseRows expects a string');
  const { maxRows, maxInputs } = { ...DEFAULT_PARSE_LIMITS, ...options.limits };
  const existingRows = options.existingRows ?? 0;
  requireCount('maxRows', maxRows, 0);
  requireCount('maxInputs', maxInputs, 1);
  requireCount('existingRows', existingRows, 0);
  if (options.expectedInputs !== undefined) requireCount('expectedInputs', options.expectedInputs, 1);

  const room = Math.max(0, maxRows - existingRows);
  const { lines, count, overflow } = collectLines(text, room);
  if (overflow) {
    const actual = existingRows + count;
    return { ok: false, errors: [errorAt(overflow, { code: 'too-many-rows', expected: maxRows, actual })] };
  }
  return readLines(lines, maxInputs, options.expectedInputs);
}

function readLines(lines: Line[], maxInputs: number, expectedInputs: number | undefined): ParseRowsResult {
  const rows: Row[] = [];
  const errors: RowError[] = [];
  let width = expectedInputs;
  for (const line of lines) {
    const result: LineResult = line.invisible
      ? { issue: { code: 'invisible-character', token: cut(line.invisible) } }
      : readRow(line.text, maxInputs, expectedInputs === 1);
    const inputs = 'row' in result ? result.row.inputs : result.inputs;
    if (inputs) width ??= inputs.length;
    let issue = 'issue' in result ? result.issue : undefined;
    if (!issue && inputs && inputs.length !== width) {
      issue = { code: 'width-mismatch', expected: width, actual: inputs.length };
    }
    if (issue) errors.push(errorAt(line, issue));
    else if ('row' in result) rows.push(result.row);
    if (errors.length === MAX_ROW_ERRORS) break;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

function readRow(line: string, maxInputs: number, singleInput: boolean): LineResult {
  const arrow = ARROW.exec(line);
  if (!arrow) return { issue: { code: 'no-arrow' } };
  const tokens = splitInputs(line.slice(0, arrow.index), singleInput);
  if (tokens.length === 0) return { issue: { code: 'no-inputs' } };
  if (tokens.length > maxInputs) {
    return { issue: { code: 'too-many-inputs', expected: maxInputs, actual: tokens.length } };
  }
  const inputs: number[] = [];
  for (const token of tokens) {
    const value = readNumber(token);
    if (typeof value !== 'number') return { issue: { code: value, token: cut(token) } };
    inputs.push(value);
  }
  const outputs = line
    .slice(arrow.index + arrow[0].length)
    .split(/[\s;]+/)
    .filter((token) => token !== '');
  const [first, second] = outputs;
  if (first === undefined) return { issue: { code: 'no-output' }, inputs };
  if (second !== undefined) return { issue: { code: 'two-outputs', token: cut(second) }, inputs };
  const output = readNumber(first);
  if (typeof output !== 'number') return { issue: { code: output, token: cut(first) }, inputs };
  if (output < 0 || output > 1) {
    return { issue: { code: 'output-out-of-range', token: cut(first) }, inputs };
  }
  return { row: { inputs, output } };
}

/** The two sides of a line around its first arrow, as parseRows splits them; undefined without an arrow. */
export function splitAtArrow(line: string): [inputs: string, output: string] | undefined {
  const arrow = ARROW.exec(line);
  return arrow ? [line.slice(0, arrow.index), line.slice(arrow.index + arrow[0].length)] : undefined;
}

/**
 * Reads the inputs of one prediction (the text after /predict). Never throws on any string; throws
 * RangeError only when expectedInputs is not a positive integer.
 */
export function parseQuery(text: string, expectedInputs: number): ParseQueryResult {
  if (typeof text !== 'string') throw new TypeError('parseQuery expects a string');
  requireCount('expectedInputs', expectedInputs, 1);
  const invisible = findInvisibleInsideNumber(text);
  if (invisible) return { ok: false, error: { code: 'invisible-character', token: cut(invisible) } };
  const line = clean(text);
  const arrow = ARROW.exec(line);
  if (arrow) return { ok: false, error: { code: 'has-arrow', token: arrow[0] } };
  const tokens = splitInputs(line, expectedInputs === 1);
  if (tokens.length === 0) return { ok: false, error: { code: 'empty' } };
  const inputs: number[] = [];
  for (const token of tokens) {
    const value = readNumber(token);
    if (typeof value !== 'number') return { ok: false, error: { code: value, token: cut(token) } };
    inputs.push(value);
  }
  if (inputs.length !== expectedInputs) {
    return { ok: false, error: { code: 'wrong-arity', expected: expectedInputs, actual: inputs.length } };
  }
  return { ok: true, inputs };
}

/** Non-blank lines, cleaned, up to `keep` of them; `overflow` is the first line past that. */
function collectLines(text: string, keep: number): { lines: Line[]; count: number; overflow?: Line } {
  const lines: Line[] = [];
  const breaks = /\r\n|\r|\n/g;
  let count = 0;
  let overflow: Line | undefined;
  let start = 0;
  for (let line = 1; ; line++) {
    const match = breaks.exec(text);
    const raw = text.slice(start, match ? match.index : text.length);
    if (VISIBLE.test(raw)) {
      count++;
      if (count <= keep) lines.push(readLine(line, raw));
      else overflow ??= { line, text: clean(raw) };
    }
    if (!match) return { lines, count, overflow };
    start = breaks.lastIndex;
  }
}

function splitInputs(side: string, singleInput: boolean): string[] {
  const trimmed = side.trim();
  if (!/[\s;]/.test(trimmed)) {
    return singleInput ? [trimmed].filter(Boolean) : trimmed.split(',').filter(Boolean);
  }
  return trimmed
    .split(/[\s;]+/)
    .map(trimCommas)
    .filter(Boolean);
}

function trimCommas(piece: string): string {
  let start = 0;
  let end = piece.length;
  while (start < end && piece[start] === ',') start++;
  while (end > start && piece[end - 1] === ',') end--;
  return piece.slice(start, end);
}

function readLine(line: number, raw: string): Line {
  const invisible = findInvisibleInsideNumber(raw);
  return invisible ? { line, text: clean(raw), invisible } : { line, text: clean(raw) };
}

function clean(raw: string): string {
  return removeInvisible(raw).replaceAll('\u2212', '-').trim();
}

function cut(text: string): string {
  return cutText(text, TEXT_LIMIT);
}

function errorAt(line: Line, issue: Issue): RowError {
  return { line: line.line, text: cut(line.text), ...issue };
}

function requireCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer >= ${min}`);
}
