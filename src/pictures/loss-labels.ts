import { formatDecimal, formatExponent, formatLoss } from './number-text.js';
import { CLASS_1, TARGET } from './palette.js';
import { type Box, drawLine, drawText, estimateTextWidth, MIN_TEXT_SIZE } from './svg.js';

/** From a label's baseline up to the top of its letters, and down to the bottom of a comma. */
const ASCENT = 40;
const DESCENT = 12;
/** Between a label and the line it names, and between a label and the plot's edge. */
const CLEAR = 14;

export interface Span {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const overlaps = (a: Span, b: Span | undefined) =>
  b !== undefined && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** A label's box, its baseline at `y`. */
const spanOf = (left: number, width: number, y: number): Span => ({
  left,
  right: left + width,
  top: y - ASCENT,
  bottom: y + DESCENT,
});

/**
 * Where the label of the loss the curve ends at goes: right-aligned at the plot's right, above the
 * curve where the label stands, else below it, else above the plot.
 */
export function placeLossValue(text: string, plot: Box, curve: { x: number; y: number }[]): Span {
  const width = estimateTextWidth(text, MIN_TEXT_SIZE);
  const right = plot.x + plot.width - CLEAR;
  const left = right - width;
  const reaches = (a: { x: number }, b: { x: number }) =>
    Math.min(a.x, b.x) <= right && Math.max(a.x, b.x) >= left;
  const under = curve.filter((p, i) => reaches(p, curve[i - 1] ?? p) || reaches(p, curve[i + 1] ?? p));
  const ys = under.map((p) => p.y);
  const above = Math.min(plot.y + plot.height, ...ys) - CLEAR - DESCENT;
  const below = Math.max(plot.y, ...ys) + CLEAR + ASCENT;
  if (above - ASCENT >= plot.y + CLEAR) return spanOf(left, width, above);
  if (below + DESCENT <= plot.y + plot.height - CLEAR) return spanOf(left, width, below);
  return spanOf(left, width, plot.y - CLEAR);
}

/** The label at its place, right-aligned in its span. */
export function drawLossValue(text: string, span: Span): string {
  return drawText(span.right, span.bottom - DESCENT, text, {
    size: MIN_TEXT_SIZE,
    anchor: 'end',
    weight: 'bold',
    fill: CLASS_1,
  });
}

/** A target loss as set: 0.001, or 1·10⁻⁵ when smaller than 10⁻⁴. */
export const formatTarget = (target: number, locale: string): string =>
  target >= 1e-4 ? formatDecimal(target, locale, 6) : formatExponent(target, locale, 2);

/**
 * The target loss as a dotted line across the plot, named at its left: under the line, where the curve
 * comes only at its end, unless that is off the plot or on the loss's own label; then over it.
 */
export function drawTargetLine(text: string, y: number, plot: Box, avoid?: Span): string[] {
  const width = estimateTextWidth(text, MIN_TEXT_SIZE);
  const left = plot.x + CLEAR + 6;
  const under = spanOf(left, width, y + CLEAR + ASCENT);
  const over = spanOf(left, width, y - CLEAR - DESCENT);
  const fitsUnder = under.bottom <= plot.y + plot.height && !overlaps(under, avoid);
  const fitsOver = over.top >= plot.y && !overlaps(over, avoid);
  const span = fitsUnder || !fitsOver ? under : over;
  return [
    drawLine(plot.x, y, plot.x + plot.width, y, TARGET, 4, ' stroke-dasharray="4 8"'),
    drawText(span.left, span.bottom - DESCENT, text, { size: MIN_TEXT_SIZE, fill: TARGET }),
  ];
}

/** Text of a loss label: its sentence with the number put in. */
export const fillLoss = (sentence: string, loss: number, locale: string): string =>
  sentence.replace('{loss}', formatLoss(loss, locale));
