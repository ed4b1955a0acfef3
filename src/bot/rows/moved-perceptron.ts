import type { PerceptronDoc } from '../kit/state/documents.js';

/** A member's perceptron after their group became a supergroup, and the rows that could not come along. */
export interface MovedPerceptron {
  doc: PerceptronDoc;
  /** Rows added in the supergroup before the move was known that do not fit the old ones (other widths, or past maxRows). */
  left: number;
}

/**
 * Brings a member's perceptron from the old group (`moved`) into the supergroup, where the member may
 * already have added rows before the move reached the bot (`here`): the old perceptron with those rows
 * after its own. Both remember the updates they took, so an update to either is not applied again.
 */
export function bringMovedPerceptron(
  moved: PerceptronDoc,
  here: PerceptronDoc,
  maxRows: number,
): MovedPerceptron {
  const width = (moved.rows[0] ?? here.rows[0])?.inputs.length;
  const fitting = here.rows.filter((row) => row.inputs.length === width);
  const rows = [...moved.rows, ...fitting].slice(0, Math.max(maxRows, moved.rows.length));
  const model = moved.rows.length > 0 ? moved.model : (here.model ?? moved.model);
  const earlier = [...new Set([...moved.recentUpdateIds, ...here.recentUpdateIds])];
  const doc: PerceptronDoc = {
    version: 1,
    rows,
    settings: moved.settings,
    ...(model ? { model } : {}),
    recentUpdateIds: earlier.sort((a, b) => a - b),
  };
  return { doc, left: here.rows.length - (rows.length - moved.rows.length) };
}
