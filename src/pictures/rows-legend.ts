import type { PictureLabels } from './picture-types.js';
import { drawCaseRing, drawRowDot, drawWrongRing, rowDotRadius } from './row-marks.js';
import { type Box, drawFittedText, drawText, estimateTextWidth, MIN_TEXT_SIZE, MUTED } from './svg.js';

/** What the legend explains: the marks of so many rows, and the case's ring or not. */
export interface LegendOf {
  rows: number;
  withCase: boolean;
}

/** From an item's left to its text, and from its text to the next item. */
const TEXT_OFFSET = 64;
/** From an item's left to its mark's middle. */
const MARK_OFFSET = 26;
const ITEM_GAP = 36;
/** Less room than this for the case's text, and it is left out of the legend. */
const LEAST_CASE_ROOM = 120;

/**
 * The legend of the marks of `rows` rows, in one line and as large as they are drawn: a dot of each
 * target class, the ring of a wrong row, and the ring of the case drawn (named by its inputs, cut to the
 * room left) when there is one.
 */
export function drawRowsLegend(labels: PictureLabels, box: Box, { rows, withCase }: LegendOf): string[] {
  const y = box.y + 166;
  const markY = y - 18;
  const r = rowDotRadius(rows);
  const items: [(x: number) => string, string][] = [
    [(x) => drawRowDot(x, markY, 1, r), labels.target1],
    [(x) => drawRowDot(x, markY, 0, r), labels.target0],
    [(x) => drawWrongRing(x, markY, r), labels.wrong],
  ];
  const style = { size: MIN_TEXT_SIZE, fill: MUTED };
  const parts: string[] = [];
  let left = box.x + 40;
  for (const [mark, text] of items) {
    parts.push(mark(left + MARK_OFFSET), drawText(left + TEXT_OFFSET, y, text, style));
    left += TEXT_OFFSET + estimateTextWidth(text, MIN_TEXT_SIZE) + ITEM_GAP;
  }
  const room = box.x + box.width - 40 - (left + TEXT_OFFSET);
  if (withCase && room >= LEAST_CASE_ROOM) {
    parts.push(
      drawCaseRing(left + MARK_OFFSET, markY),
      drawFittedText(left + TEXT_OFFSET, y, labels.caseText, room, style),
    );
  }
  return parts;
}
