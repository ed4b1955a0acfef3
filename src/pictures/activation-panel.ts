import type { ModelState } from '../core/types.js';
import { formatDecimal } from './number-text.js';
import type { PictureLabels } from './picture-types.js';
import { drawCaseGuide, drawCaseRing, drawRowMark } from './row-marks.js';
import { drawRowsLegend } from './rows-legend.js';
import { outputOf, type PlacedRow } from './rows-view.js';
import {
  type Box,
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
  /** The weighted sum of the case drawn through the neuron, marked on the curve; none in a replay. */
  caseSum?: number;
}

/**
 * The activation curve over the weighted sum, each row a dot at (its weighted sum, its target), and the
 * case drawn through the neuron as a ring on the curve.
 */
export function drawActivationPanel(view: ActivationView, box: Box): string[] {
  const plot = {
    x: box.x + MARGIN.left,
    y: box.y + MARGIN.top,
    width: box.width - MARGIN.left - MARGIN.right,
    height: box.height - MARGIN.top - MARGIN.bottom,
  };
  const reach = chooseReach([...view.rows.map((row) => row.sum), view.caseSum ?? 0]);
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
    ...drawRowsLegend(view.labels, box, { rows: view.rows.length, withCase: view.caseSum !== undefined }),
    ...drawGrid(plot, reach, view),
    `<polyline points="${curve.join(' ')}" fill="none" stroke="${INK}" stroke-width="4"/>`,
    ...view.rows.map((row) => drawRowMark(toX(row.sum), toY(row.target), row, view.rows.length)),
    ...(view.caseSum === undefined
      ? []
      : drawCase(toX(view.caseSum), toY(outputOf(view.model, view.caseSum)), plot)),
  ];
}

/** Round numbers an axis ends at, times a power of ten. */
const ROUND_ENDS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9, 10];

/** Half the width of the x axis: every sum fits, with a little room, and at least the sigmoid's bend. */
function chooseReach(sums: number[]): number {
  const largest = Math.max(0, ...sums.map(Math.abs).filter(Number.isFinite));
  // Past 1e300 the axis's arithmetic would overflow; such sums sit at its ends.
  const reach = Math.min(1e300, Math.max(6, largest * 1.15));
  const magnitude = 10 ** Math.floor(Math.log10(reach));
  const end = ROUND_ENDS.find((round) => round * magnitude >= reach * (1 - 1e-12)) ?? 10;
  return end * magnitude;
}

/** The case's ring on the curve, and a dashed line down to its sum on the axis. */
function drawCase(x: number, y: number, plot: Box): string[] {
  return [drawCaseGuide(x, plot.y + plot.height, y), drawCaseRing(x, y)];
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
