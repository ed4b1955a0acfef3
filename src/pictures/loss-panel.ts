import type { LossPoint } from '../core/types.js';
import { formatCount, formatPowerOfTen } from './number-text.js';
import { CLASS_1, NEUTRAL } from './palette.js';
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

export interface LossView {
  points: LossPoint[];
  /** The x axis: epochs from `from` to `to`, on a log scale of the epochs since `from` when `log`. */
  axis: { from: number; to: number; log: boolean };
  /** Epochs where a training went on from an earlier one. */
  marks: number[];
  /** A dot on the curve, as where a replay's frame is. */
  dot?: LossPoint;
  /** Losses the scale must reach besides the points: a replay keeps one scale in every frame. */
  scale?: number[];
  labels: { loss: string; epochs: string; trainMore: string; notTrained: string };
  locale: string;
}

const MARGIN = { left: 180, right: 50, top: 150, bottom: 140 };
/** A loss of exactly 0 (a step neuron that is always right) is drawn at the bottom of the scale. */
const SMALLEST_LOSS = 1e-12;

/** Height of the panel before any training: its title and one line that says so. */
export const UNTRAINED_LOSS_HEIGHT = 260;

/** The loss over the epochs on a log scale, with a dashed mark where each "train more" went on. */
export function drawLossPanel(view: LossView, box: Box): string[] {
  const parts = [
    drawFittedText(box.x + 40, box.y + 84, view.labels.loss, box.width - 80, {
      size: TITLE_SIZE,
      weight: 'bold',
    }),
  ];
  const plot = {
    x: box.x + MARGIN.left,
    y: box.y + MARGIN.top,
    width: box.width - MARGIN.left - MARGIN.right,
    height: box.height - MARGIN.top - MARGIN.bottom,
  };
  const losses = [...view.points, ...(view.dot ? [view.dot] : [])]
    .map((p) => p.loss)
    .concat(view.scale ?? [])
    .filter(Number.isFinite);
  if (losses.length === 0 || view.axis.to <= view.axis.from) {
    const notTrained = drawText(box.x + box.width / 2, box.y + 190, view.labels.notTrained, {
      size: MIN_TEXT_SIZE,
      anchor: 'middle',
      fill: MUTED,
    });
    return [...parts, notTrained];
  }
  const low = Math.floor(Math.log10(Math.max(SMALLEST_LOSS, Math.min(...losses))));
  const high = Math.max(low + 1, Math.ceil(Math.log10(Math.max(SMALLEST_LOSS, ...losses))));
  const toX = placeEpochs(view.axis, plot);
  const toY = (loss: number) =>
    plot.y + plot.height - ((Math.log10(Math.max(SMALLEST_LOSS, loss)) - low) / (high - low)) * plot.height;
  parts.push(
    ...drawLossScale(plot, low, high),
    ...drawEpochAxis(plot, view, toX),
    ...drawMarks(view, plot, toX),
  );
  const points = view.points.map((p) => `${px(toX(p.epoch))},${px(toY(p.loss))}`).join(' ');
  parts.push(
    `<polyline points="${points}" fill="none" stroke="${CLASS_1}" stroke-width="5" stroke-linejoin="round"/>`,
  );
  const dot = view.dot ?? (view.points.length === 1 ? view.points[0] : undefined);
  if (dot) parts.push(drawCircle(toX(dot.epoch), toY(dot.loss), 11, `fill="${CLASS_1}"`));
  return parts;
}

function placeEpochs({ from, to, log }: LossView['axis'], plot: Box): (epoch: number) => number {
  const scale = (epoch: number) => (log ? Math.log10(1 + Math.max(0, epoch - from)) : epoch - from);
  const span = scale(to);
  return (epoch) => plot.x + (scale(epoch) / span) * plot.width;
}

function drawLossScale(plot: Box, low: number, high: number): string[] {
  // Ticks at least 80 px apart, so that the powers of ten stand clear of each other.
  const step = Math.ceil((high - low) / Math.max(1, Math.floor(plot.height / 80)));
  const parts: string[] = [];
  for (let power = high; power >= low; power -= step) {
    const y = plot.y + plot.height - ((power - low) / (high - low)) * plot.height;
    parts.push(
      drawLine(plot.x, y, plot.x + plot.width, y, '#d0d7de', 2),
      drawText(plot.x - 16, y + 18, formatPowerOfTen(power), {
        size: MIN_TEXT_SIZE,
        anchor: 'end',
        fill: MUTED,
      }),
    );
  }
  return parts;
}

/** The epoch axis: its ends labelled, and on a log scale a tick at each power of ten between. */
function drawEpochAxis(plot: Box, view: LossView, toX: (epoch: number) => number): string[] {
  const { from, to, log } = view.axis;
  const bottom = plot.y + plot.height;
  const label = { size: MIN_TEXT_SIZE, fill: MUTED } as const;
  const parts = [
    drawLine(plot.x, plot.y, plot.x, bottom, INK, 3),
    drawLine(plot.x, bottom, plot.x + plot.width, bottom, INK, 3),
    drawText(plot.x, bottom + 60, formatCount(from, view.locale), { ...label, anchor: 'middle' }),
    drawText(plot.x + plot.width, bottom + 60, formatCount(to, view.locale), { ...label, anchor: 'end' }),
    drawText(plot.x + plot.width, bottom + 122, view.labels.epochs, { ...label, anchor: 'end' }),
  ];
  for (let step = 10; log && from + step < to; step *= 10) {
    const x = toX(from + step);
    parts.push(drawLine(x, bottom, x, bottom + 12, INK, 3), drawLine(x, plot.y, x, bottom, '#eaeef2', 2));
  }
  return parts;
}

function drawMarks(view: LossView, plot: Box, toX: (epoch: number) => number): string[] {
  const marks = view.marks.filter((epoch) => epoch > view.axis.from && epoch < view.axis.to);
  if (marks.length === 0) return [];
  const dashed = ' stroke-dasharray="10 8"';
  // The legend sits under the axis's start, across from the axis's name at its end.
  const lineX = plot.x - 40;
  const y = plot.y + plot.height + 122;
  return [
    ...marks.map((epoch) =>
      drawLine(toX(epoch), plot.y, toX(epoch), plot.y + plot.height, NEUTRAL, 3, dashed),
    ),
    drawLine(lineX, y - 18, lineX + 70, y - 18, NEUTRAL, 4, dashed),
    drawText(lineX + 86, y, view.labels.trainMore, { size: MIN_TEXT_SIZE, fill: MUTED }),
  ];
}
