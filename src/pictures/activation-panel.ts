import type { ModelState } from '../core/types.js';
import { formatDecimal } from './number-text.js';
import { CLASS_0, CLASS_1, colourOfClass, WRONG } from './palette.js';
import type { PictureLabels } from './picture-types.js';
import { outputOf, type PlacedRow } from './rows-view.js';
import { type Box, drawCircle, drawLine, drawText, INK, MUTED, px } from './svg.js';

const MARGIN = { left: 100, right: 40, top: 170, bottom: 100 };
const SAMPLES = 240;

export interface ActivationView {
  model: ModelState;
  rows: PlacedRow[];
  labels: PictureLabels;
  locale: string;
}

/** The activation curve over the weighted sum, each row a dot at (its weighted sum, its target). */
export function drawActivationPanel(view: ActivationView, box: Box): string[] {
  const plot = {
    x: box.x + MARGIN.left,
    y: box.y + MARGIN.top,
    width: box.width - MARGIN.left - MARGIN.right,
    height: box.height - MARGIN.top - MARGIN.bottom,
  };
  const reach = chooseReach(view.rows);
  const toX = (sum: number) =>
    plot.x + ((Math.max(-reach, Math.min(reach, sum)) + reach) / (2 * reach)) * plot.width;
  const toY = (output: number) => plot.y + (1 - output) * plot.height;
  const curve = Array.from({ length: SAMPLES + 1 }, (_, i) => {
    const sum = -reach + (2 * reach * i) / SAMPLES;
    return `${px(toX(sum))},${px(toY(outputOf(view.model, sum)))}`;
  });
  return [
    drawText(box.x + 40, box.y + 58, view.labels.rows, { size: 40, weight: 'bold' }),
    ...drawLegend(view.labels, box),
    ...drawGrid(plot, reach, view),
    `<polyline points="${curve.join(' ')}" fill="none" stroke="${INK}" stroke-width="4"/>`,
    ...view.rows.map((row) => drawRowDot(toX(row.sum), toY(row.target), row, view.rows.length)),
  ];
}

/** Half the width of the x axis: every row's sum fits, and at least the sigmoid's bend. */
function chooseReach(rows: PlacedRow[]): number {
  const largest = Math.max(0, ...rows.map((row) => Math.abs(row.sum)).filter(Number.isFinite));
  // Past 1e300 the axis's arithmetic would overflow; such sums sit at its ends.
  const reach = Math.min(1e300, Math.max(6, largest * 1.15));
  const magnitude = 10 ** Math.floor(Math.log10(reach));
  return Math.ceil(reach / magnitude) * magnitude;
}

function drawGrid(plot: Box, reach: number, view: ActivationView): string[] {
  const bottom = plot.y + plot.height;
  const middle = plot.x + plot.width / 2;
  const half = plot.y + plot.height / 2;
  const tick = (x: number, text: string) =>
    drawText(x, bottom + 42, text, { size: 30, anchor: 'middle', fill: MUTED });
  return [
    drawLine(plot.x, half, plot.x + plot.width, half, '#d0d7de', 2, ' stroke-dasharray="8 8"'),
    drawLine(middle, plot.y, middle, bottom, '#d0d7de', 2),
    drawLine(plot.x, plot.y, plot.x, bottom, INK, 3),
    drawLine(plot.x, bottom, plot.x + plot.width, bottom, INK, 3),
    drawText(plot.x - 14, plot.y + 11, '1', { size: 30, anchor: 'end', fill: MUTED }),
    drawText(plot.x - 14, half + 11, formatDecimal(0.5, view.locale), {
      size: 30,
      anchor: 'end',
      fill: MUTED,
    }),
    drawText(plot.x - 14, bottom + 11, '0', { size: 30, anchor: 'end', fill: MUTED }),
    tick(plot.x + 20, formatDecimal(-reach, view.locale)),
    tick(middle, '0'),
    tick(plot.x + plot.width - 20, formatDecimal(reach, view.locale)),
    drawText(middle, bottom + 82, view.labels.sum, { size: 30, anchor: 'middle', fill: MUTED }),
  ];
}

/** Dots of class 1, class 0 and the ring of a wrong row, each with its word. */
function drawLegend(labels: PictureLabels, box: Box): string[] {
  const y = box.y + 112;
  const width = (box.width - 40) / 3;
  const items: [(x: number) => string, string][] = [
    [(x) => drawCircle(x, y - 10, 12, `fill="${CLASS_1}"`), labels.target1],
    [(x) => drawCircle(x, y - 10, 12, `fill="${CLASS_0}"`), labels.target0],
    [(x) => drawCircle(x, y - 10, 14, `fill="none" stroke="${WRONG}" stroke-width="5"`), labels.wrong],
  ];
  return items.flatMap(([mark, text], i) => [
    mark(box.x + 56 + i * width),
    drawText(box.x + 80 + i * width, y, text, { size: 30, fill: MUTED }),
  ]);
}

function drawRowDot(x: number, y: number, row: PlacedRow, count: number): string {
  const r = count > 200 ? 8 : 13;
  const dot = drawCircle(
    x,
    y,
    r,
    `fill="${colourOfClass(row.targetClass)}" fill-opacity="0.8" stroke="#ffffff" stroke-width="2"`,
  );
  if (!row.wrong) return dot;
  return dot + drawCircle(x, y, r + 9, `fill="none" stroke="${WRONG}" stroke-width="5"`);
}
