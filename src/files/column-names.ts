import { z } from 'zod';
import { cutText } from '../core/cut-text.js';

/** Names of a dataset's columns, from a file's header line: one per input, and the output's. */
export const columnNamesSchema = z.object({ inputs: z.array(z.string()), output: z.string() });
export type ColumnNames = z.infer<typeof columnNamesSchema>;

/** Longest name kept, in characters; longer ones are cut with '…'. */
export const MAX_COLUMN_NAME = 24;

/** The names written when a dataset has none: x1 … xn and y. */
export function defaultColumnNames(inputs: number): ColumnNames {
  return { inputs: Array.from({ length: inputs }, (_, i) => `x${i + 1}`), output: 'y' };
}

/**
 * Names from header cells (the last is the output), cleaned: control and format characters dropped,
 * spaces squeezed, cut to MAX_COLUMN_NAME; an empty cell gets its default name. Undefined when the names
 * are just the defaults, so that a file this bot wrote reads back to a dataset without names.
 */
export function toColumnNames(cells: readonly string[]): ColumnNames | undefined {
  if (cells.length < 2) return undefined;
  const defaults = defaultColumnNames(cells.length - 1);
  const wanted = [...defaults.inputs, defaults.output];
  const names = cells.map((cell, i) => cleanName(cell) || (wanted[i] as string));
  if (names.every((name, i) => name === wanted[i])) return undefined;
  return { inputs: names.slice(0, -1), output: names.at(-1) as string };
}

/** The names if they fit a dataset of `inputs` inputs; undefined otherwise. */
export function columnNamesFor(columns: ColumnNames | undefined, inputs: number): ColumnNames | undefined {
  return columns && columns.inputs.length === inputs ? columns : undefined;
}

function cleanName(cell: string): string {
  const plain = cell
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return cutText(plain, MAX_COLUMN_NAME);
}
