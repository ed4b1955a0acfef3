import type { LossPoint } from '../core/types.js';
import { formatCount, formatPowerOfTen } from './number-text.js';
import { CLASS_1, NEUTRAL } from './palette.js';
import { type Box, drawCircle, drawLine, drawText, INK, MUTED, px } from './svg.js';

export interface LossView {
  history: LossPoint[];
  /** Epochs where a training went on from an earlier one. */
  continuedAt: number[];
  /** The x axis ends here (all epochs trained). */
  epochs: number;
  /** In a replay: the curve is drawn up to this epoch, with a dot there. */
  upTo?: number;
  labels: { loss: string; epochs: string; trainMore: string; notTrained: string };
  locale: string;
}

const MARGIN = { left: 150, right: 50, top: 110, bottom: 100 };
/** A loss of exactly 0 (a step neuron that is always right) is drawn at the bottom of the scale. */
const SMALLEST_LOSS = 1e-12;

/** The loss over all epochs trained, on a log scale, with a dashed mark where each "train more" went on. */
export function drawLossPanel(view: LossView, box: Box): string[] {
  const parts = [drawText(box.x + 40, box.y + 58, view.labels.loss, { size: 40, weight: 'bold' })];
  const plot = {
    x: box.x + MARGIN.left,
    y: box.y + MARGIN.top,
    width: box.width - MARGIN.left - MARGIN.right,
    height: box.height - MARGIN.top - MARGIN.bottom,
  };
  if (view.history.length === 0 || view.epochs === 0) {
    const middle = { x: box.x + box.width / 2, y: plot.y + plot.height / 2 };
    return [
      ...parts,
      drawText(middle.x, middle.y, view.labels.notTrained, { size: 36, anchor: 'middle', fill: MUTED }),
    ];
  }
  const losses = view.history.map((p) => Math.max(SMALLEST_LOSS, p.loss)).filter(Number.isFinite);
  const low = Math.floor(Math.log10(Math.min(...losses)));
  const high = Math.max(low + 1, Math.ceil(Math.log10(Math.max(...losses))));
  const toX = (epoch: number) => plot.x + (epoch / view.epochs) * plot.width;
  const toY = (loss: number) =>
    plot.y + plot.height - ((Math.log10(Math.max(SMALLEST_LOSS, loss)) - low) / (high - low)) * plot.height;
  parts.push(...drawAxes(plot, low, high, view), ...drawMarks(view, plot, toX));
  const shown = view.history.filter((p) => view.upTo === undefined || p.epoch <= view.upTo);
  const points = shown.map((p) => `${px(toX(p.epoch))},${px(toY(p.loss))}`).join(' ');
  parts.push(
    `<polyline points="${points}" fill="none" stroke="${CLASS_1}" stroke-width="5" stroke-linejoin="round"/>`,
  );
  const last = shown.at(-1);
  if (last && (shown.length === 1 || view.upTo !== undefined)) {
    parts.push(drawCircle(toX(last.epoch), toY(last.loss), 10, `fill="${CLASS_1}"`));
  }
  return parts;
}

function drawAxes(plot: Box, low: number, high: number, view: LossView): string[] {
  const step = Math.ceil((high - low) / 5);
  const parts: string[] = [];
  for (let power = high; power >= low; power -= step) {
    const y = plot.y + plot.height - ((power - low) / (high - low)) * plot.height;
    parts.push(
      drawLine(plot.x, y, plot.x + plot.width, y, '#d0d7de', 2),
      drawText(plot.x - 16, y + 11, formatPowerOfTen(power), { size: 32, anchor: 'end', fill: MUTED }),
    );
  }
  const bottom = plot.y + plot.height;
  parts.push(
    drawLine(plot.x, plot.y, plot.x, bottom, INK, 3),
    drawLine(plot.x, bottom, plot.x + plot.width, bottom, INK, 3),
    drawText(plot.x, bottom + 44, '0', { size: 32, anchor: 'middle', fill: MUTED }),
    drawText(plot.x + plot.width, bottom + 44, formatCount(view.epochs, view.locale), {
      size: 32,
      anchor: 'end',
      fill: MUTED,
    }),
    drawText(plot.x + plot.width / 2, bottom + 80, view.labels.epochs, {
      size: 32,
      anchor: 'middle',
      fill: MUTED,
    }),
  );
  return parts;
}

function drawMarks(view: LossView, plot: Box, toX: (epoch: number) => number): string[] {
  const marks = view.continuedAt.filter((epoch) => epoch > 0 && epoch < view.epochs);
  if (marks.length === 0) return [];
  const dashed = ' stroke-dasharray="10 8"';
  const legendX = plot.x + plot.width - 20;
  return [
    ...marks.map((epoch) =>
      drawLine(toX(epoch), plot.y, toX(epoch), plot.y + plot.height, NEUTRAL, 3, dashed),
    ),
    drawLine(legendX - 60, plot.y - 40, legendX, plot.y - 40, NEUTRAL, 3, dashed),
    drawText(legendX - 72, plot.y - 29, view.labels.trainMore, { size: 30, anchor: 'end', fill: MUTED }),
  ];
}
