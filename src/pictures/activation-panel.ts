import type { ModelState } from '../core/types.js';
import { formatDecimal } from './number-text.js';
import { CLASS_0, CLASS_1, colourOfClass, WRONG } from './palette.js';
import type { PictureLabels } from './picture-types.js';
import { outputOf, type PlacedRow } from './rows-view.js';
import {
  type Box,
  drawCircle,
  drawFittedText,
  drawLine,
  drawText,
  INK,
  MIN_TEXT_SIZE,
  MUTED,
  px,
  TITLE_SIZE,
} from './svg.js';

const MARGIN = { left: 150, right: 50, top: 230, bottom: 150 };
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
    drawFittedText(box.x + 40, box.y + 84, view.labels.rows, box.width - 80, {
      size: TITLE_SIZE,
      weight: 'bold',
    }),
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
  const label = { size: MIN_TEXT_SIZE, fill: MUTED } as const;
  const tick = (x: number, text: string, anchor: 'start' | 'middle' | 'end') =>
    drawText(x, bottom + 60, text, { ...label, anchor });
  return [
    drawLine(plot.x, half, plot.x + plot.width, half, '#d0d7de', 2, ' stroke-dasharray="8 8"'),
    drawLine(middle, plot.y, middle, bottom, '#d0d7de', 2),
    drawLine(plot.x, plot.y, plot.x, bottom, INK, 3),
    drawLine(plot.x, bottom, plot.x + plot.width, bottom, INK, 3),
    drawText(plot.x - 16, plot.y + 18, '1', { ...label, anchor: 'end' }),
    drawText(plot.x - 16, half + 18, formatDecimal(0.5, view.locale), { ...label, anchor: 'end' }),
    drawText(plot.x - 16, bottom + 8, '0', { ...label, anchor: 'end' }),
    tick(plot.x, formatDecimal(-reach, view.locale), 'start'),
    tick(middle, '0', 'middle'),
    tick(plot.x + plot.width, formatDecimal(reach, view.locale), 'end'),
    drawText(middle, bottom + 124, view.labels.sum, { ...label, anchor: 'middle' }),
  ];
}

/** Dots of class 1, class 0 and the ring of a wrong row, each with its word. */
function drawLegend(labels: PictureLabels, box: Box): string[] {
  const y = box.y + 166;
  const width = (box.width - 80) / 3;
  const items: [(x: number) => string, string][] = [
    [(x) => drawCircle(x, y - 18, 17, `fill="${CLASS_1}"`), labels.target1],
    [(x) => drawCircle(x, y - 18, 17, `fill="${CLASS_0}"`), labels.target0],
    [(x) => drawCircle(x, y - 18, 18, `fill="none" stroke="${WRONG}" stroke-width="6"`), labels.wrong],
  ];
  return items.flatMap(([mark, text], i) => [
    mark(box.x + 62 + i * width),
    drawFittedText(box.x + 96 + i * width, y, text, width - 70, { size: MIN_TEXT_SIZE, fill: MUTED }),
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
