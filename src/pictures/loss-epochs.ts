import { formatCount } from './number-text.js';
import { NEUTRAL } from './palette.js';
import { type Box, drawLine, drawText, estimateTextWidth, INK, MIN_TEXT_SIZE, MUTED } from './svg.js';

/** The x axis of the loss curve: epochs from `from` to `to`, on a log scale of the epochs since `from` when `log`. */
export interface EpochAxis {
  from: number;
  to: number;
  log: boolean;
}

/** Least room between two labels of the axis. */
const LABEL_GAP = 24;
/** "Train more" marks nearer each other than this are drawn as one. */
const MARK_GAP = 8;

export function placeEpochs({ from, to, log }: EpochAxis, plot: Box): (epoch: number) => number {
  const scale = (epoch: number) => (log ? Math.log10(1 + Math.max(0, epoch - from)) : epoch - from);
  const span = scale(to);
  return (epoch) => plot.x + (scale(epoch) / span) * plot.width;
}

/**
 * The epoch axis. On a linear scale its two ends are labelled; on a log scale its end, its start unless
 * that is 0, and a tick at each power of ten of epochs since the start, labelled where the label has room.
 */
export function drawEpochAxis(
  plot: Box,
  { axis, name, locale }: { axis: EpochAxis; name: string; locale: string },
  toX: (epoch: number) => number,
): string[] {
  const bottom = plot.y + plot.height;
  const label = { size: MIN_TEXT_SIZE, fill: MUTED } as const;
  const end = formatCount(axis.to, locale);
  const parts = [
    drawLine(plot.x, plot.y, plot.x, bottom, INK, 3),
    drawLine(plot.x, bottom, plot.x + plot.width, bottom, INK, 3),
    drawText(plot.x + plot.width, bottom + 60, end, { ...label, anchor: 'end' }),
    drawText(plot.x + plot.width, bottom + 122, name, { ...label, anchor: 'end' }),
  ];
  const start = formatCount(axis.from, locale);
  if (!axis.log) return [...parts, drawText(plot.x, bottom + 60, start, { ...label, anchor: 'middle' })];
  // Labels are kept left to right while each stands clear of the one before and of the axis's end. A log
  // scale has no 0: its start is labelled only when a training went on from an earlier one, and from the
  // axis on, clear of the powers of ten of the loss.
  const labelled = axis.from > 0;
  if (labelled) parts.push(drawText(plot.x, bottom + 60, start, label));
  let free = plot.x + (labelled ? estimateTextWidth(start, MIN_TEXT_SIZE) : 0);
  const endStart = plot.x + plot.width - estimateTextWidth(end, MIN_TEXT_SIZE) - LABEL_GAP;
  // After a labelled start, the tick one epoch on would stand under that label, as if it were its own.
  for (let step = labelled ? 10 : 1; axis.from + step < axis.to; step *= 10) {
    const x = toX(axis.from + step);
    parts.push(drawLine(x, bottom, x, bottom + 12, INK, 3), drawLine(x, plot.y, x, bottom, '#eaeef2', 2));
    const text = formatCount(axis.from + step, locale);
    const half = estimateTextWidth(text, MIN_TEXT_SIZE) / 2;
    if (x - half < free + LABEL_GAP || x + half > endStart) continue;
    parts.push(drawText(x, bottom + 60, text, { ...label, anchor: 'middle' }));
    free = x + half;
  }
  return parts;
}

/**
 * A dashed line where each "train more" went on, with its legend; marks within a few pixels of the one
 * before are one mark, as after a run of /step.
 */
export function drawMarks(
  marks: number[],
  { plot, axis, name }: { plot: Box; axis: EpochAxis; name: string },
  toX: (epoch: number) => number,
): string[] {
  const xs: number[] = [];
  for (const epoch of [...marks].sort((a, b) => a - b)) {
    if (epoch <= axis.from || epoch >= axis.to) continue;
    const x = toX(epoch);
    if (xs.length === 0 || x - (xs.at(-1) as number) >= MARK_GAP) xs.push(x);
  }
  if (xs.length === 0) return [];
  const dashed = ' stroke-dasharray="10 8"';
  // The legend sits under the axis's start, across from the axis's name at its end.
  const lineX = plot.x - 40;
  const y = plot.y + plot.height + 122;
  return [
    ...xs.map((x) => drawLine(x, plot.y, x, plot.y + plot.height, NEUTRAL, 3, dashed)),
    drawLine(lineX, y - 18, lineX + 70, y - 18, NEUTRAL, 4, dashed),
    drawText(lineX + 86, y, name, { size: MIN_TEXT_SIZE, fill: MUTED }),
  ];
}
