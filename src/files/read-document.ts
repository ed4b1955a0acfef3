import type { ParseLimits, RowError } from '../core/dataset-parse.js';
import type { Row } from '../core/types.js';
import type { ColumnNames } from './column-names.js';
import { type DecodeFailure, decodeText, type TextEncoding } from './decode-text.js';
import type { PerceptronContent } from './perceptron-file.js';
import {
  type PerceptronFileError,
  type PerceptronFileLimits,
  readPerceptronFile,
} from './perceptron-file-read.js';
import { readTable } from './table-read.js';

/** What a document sent to the bot turned out to be. */
export type DocumentContent =
  | { kind: 'rows'; rows: Row[]; columns?: ColumnNames; encoding: TextEncoding }
  | { kind: 'row-errors'; errors: RowError[] }
  | { kind: 'perceptron'; content: PerceptronContent }
  | { kind: 'perceptron-error'; error: PerceptronFileError }
  | { kind: 'not-text'; reason: DecodeFailure | 'unsupported' };

export interface DocumentLimits extends ParseLimits, PerceptronFileLimits {}

export interface DocumentTarget {
  /** Width of the dataset that table rows are added to. */
  expectedInputs?: number;
  existingRows: number;
}

const TABLE_NAME = /\.(csv|tsv|tab|txt|text|dat)$/i;
const TEXT_TYPES = /^(text\/|application\/(json|csv|vnd\.ms-excel)$)/i;

/**
 * True when a document may be rows or a perceptron by its name and type, so that its bytes are worth
 * fetching: .csv, .tsv, .txt and .json files, or any text type. Pictures, archives and the like are not.
 */
export function mayBeData(fileName: string | undefined, mimeType: string | undefined): boolean {
  if (fileName && (TABLE_NAME.test(fileName) || /\.json$/i.test(fileName))) return true;
  return mimeType === undefined ? !fileName?.includes('.') : TEXT_TYPES.test(mimeType);
}

/**
 * Reads a document's bytes: a file named .json, or a JSON object whatever the name, is a perceptron file
 * (so JSON of another kind is told it is not one); anything else a table of rows. Never throws.
 */
export function readDocument(
  bytes: Uint8Array,
  target: DocumentTarget,
  limits: DocumentLimits,
  fileName?: string,
): DocumentContent {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { kind: 'not-text', reason: decoded.reason };
  if (/\.json$/i.test(fileName ?? '') || decoded.text.trimStart().startsWith('{')) {
    const read = readPerceptronFile(decoded.text, limits);
    return read.ok
      ? { kind: 'perceptron', content: read.content }
      : { kind: 'perceptron-error', error: read.error };
  }
  const table = readTable(decoded.text, {
    limits: { maxRows: limits.maxRows, maxInputs: limits.maxInputs },
    existingRows: target.existingRows,
    ...(target.expectedInputs === undefined ? {} : { expectedInputs: target.expectedInputs }),
  });
  if (!table.ok) return { kind: 'row-errors', errors: table.errors };
  const rows = { kind: 'rows', rows: table.rows, encoding: decoded.encoding } as const;
  return table.columns ? { ...rows, columns: table.columns } : rows;
}
