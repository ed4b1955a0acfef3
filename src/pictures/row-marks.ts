import { colourOfClass, WRONG } from './palette.js';
import type { PlacedRow } from './rows-view.js';
import { drawCircle, drawLine, INK } from './svg.js';

/**
 * The marks of the rows and of the case drawn, one look wherever they stand: on the curve, on the plane
 * and in the legend, which explains them all.
 */

/** A row's dot: smaller when there are many rows, so that they overlap less. */
export const rowDotRadius = (count: number): number => (count > 200 ? 8 : count > 20 ? 12 : 16);

/** A dot in the colour of the row's target class, edged in white to stand out on any field. */
export function drawRowDot(x: number, y: number, targetClass: 0 | 1, r: number): string {
  return drawCircle(x, y, r, `fill="${colourOfClass(targetClass)}" stroke="#ffffff" stroke-width="2"`);
}

/** The ring around the dot of a row classified wrong. */
export const drawWrongRing = (x: number, y: number, r: number): string =>
  drawCircle(x, y, r + 9, `fill="none" stroke="${WRONG}" stroke-width="5"`);

/** One row: its dot, ringed when it is classified wrong. */
export function drawRowMark(x: number, y: number, row: PlacedRow, count: number): string {
  const r = rowDotRadius(count);
  const dot = drawRowDot(x, y, row.targetClass, r);
  return row.wrong ? dot + drawWrongRing(x, y, r) : dot;
}

/** Radius of the ring that marks the case drawn through the neuron. */
export const CASE_RING_RADIUS = 20;

/** The case drawn through the neuron: a dark ring, hollow so that the curve shows through. */
export const drawCaseRing = (x: number, y: number): string =>
  drawCircle(x, y, CASE_RING_RADIUS, `fill="none" stroke="${INK}" stroke-width="4"`);

/** From the axis up to the case's ring: where its weighted sum lies. */
export const drawCaseGuide = (x: number, from: number, to: number): string =>
  drawLine(x, from, x, to, INK, 2, ' stroke-dasharray="6 6"');
