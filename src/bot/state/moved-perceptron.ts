import type { PerceptronDoc } from './documents.js';
import { REMEMBERED_UPDATES } from './perceptron-state.js';

/** A member's perceptron after their group became a supergroup, and the rows that could not come along. */
export interface MovedPerceptron {
  doc: PerceptronDoc;
  /** Rows added in the supergroup before the move was known that do not fit the old ones (other widths, or past maxRows). */
  left: number;
}

/**
 * Brings a member's perceptron from the old group (`moved`) into the supergroup, where the member may
 * already have added rows before the move reached the bot (`here`): the old perceptron with those rows
 * after its own. The move's update id is remembered in the result, so a move delivered twice adds nothing.
 */
export function bringMovedPerceptron(
  moved: PerceptronDoc,
  here: PerceptronDoc | undefined,
  moveUpdateId: number,
  maxRows: number,
): MovedPerceptron {
  if (here?.recentUpdateIds.includes(moveUpdateId)) return { doc: here, left: 0 };
  const width = (moved.rows[0] ?? here?.rows[0])?.inputs.length;
  const fitting = (here?.rows ?? []).filter((row) => row.inputs.length === width);
  const rows = [...moved.rows, ...fitting].slice(0, Math.max(maxRows, moved.rows.length));
  const model = moved.rows.length > 0 ? moved.model : (here?.model ?? moved.model);
  const earlier = [...new Set([...moved.recentUpdateIds, ...(here?.recentUpdateIds ?? [])])];
  const doc: PerceptronDoc = {
    version: 1,
    rows,
    settings: moved.settings,
    ...(model ? { model } : {}),
    recentUpdateIds: [...earlier.sort((a, b) => a - b).slice(-(REMEMBERED_UPDATES - 1)), moveUpdateId],
  };
  return { doc, left: (here?.rows.length ?? 0) - (rows.length - moved.rows.length) };
}
