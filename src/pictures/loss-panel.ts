import { stopRuleOf } from '../core/stop-rule.js';
import type { LossPoint, ModelSettings } from '../core/types.js';
import { drawEpochAxis, drawMarks, type EpochAxis, placeEpochs } from './loss-epochs.js';
import { drawLossValue, drawTargetLine, fillLoss, formatTarget, placeLossValue } from './loss-labels.js';
import { chooseLossScale, drawLossScale, type LossScale, listLossTicks, placeLoss } from './loss-scale.js';
import { CLASS_1 } from './palette.js';
import type { PictureLabels } from './picture-types.js';
import {
  type Box,
  drawCircle,
  drawFittedText,
  drawText,
  estimateTextWidth,
  MIN_TEXT_SIZE,
  MUTED,
  px,
  TITLE_SIZE,
} from './svg.js';

export interface LossView {
  points: LossPoint[];
  axis: EpochAxis;
  /** Epochs where a training went on from an earlier one. */
  marks: number[];
  /** A dot on the curve, as where a replay's frame is; its loss is the one printed. */
  dot?: LossPoint;
  /** Losses the scale must reach besides the points: a replay keeps one scale in every frame. */
  scale?: number[];
  /** The target loss of `/set target`, drawn as a line. */
  target?: number;
  labels: Pick<PictureLabels, 'loss' | 'lossValue' | 'targetLoss' | 'epochs' | 'trainMore' | 'notTrained'>;
  locale: string;
}

const MARGIN = { left: 180, right: 50, top: 150, bottom: 140 };

/** The target loss the training stops at, to draw as a line: none for a step neuron, whose rule is accuracy. */
export function pickTargetLoss(settings: ModelSettings): { target: number } | Record<string, never> {
  const loss = stopRuleOf(settings)?.loss;
  return loss === undefined ? {} : { target: loss };
}

/** Height of the panel before any training: its title and one line that says so. */
export const UNTRAINED_LOSS_HEIGHT = 260;

/**
 * The loss over the epochs on a log scale, the loss it ends at printed by the curve, the target loss as
 * a line, and a dashed mark where each "train more" went on.
 */
export function drawLossPanel(view: LossView, box: Box): string[] {
  const title = drawFittedText(box.x + 40, box.y + 84, view.labels.loss, box.width - 80, {
    size: TITLE_SIZE,
    weight: 'bold',
  });
  const losses = [...view.points, ...(view.dot ? [view.dot] : [])]
    .map((p) => p.loss)
    .concat(view.scale ?? [], view.target ?? [])
    .filter(Number.isFinite);
  if (losses.length === 0 || view.axis.to <= view.axis.from) {
    const notTrained = drawText(box.x + box.width / 2, box.y + 190, view.labels.notTrained, {
      size: MIN_TEXT_SIZE,
      anchor: 'middle',
      fill: MUTED,
    });
    return [title, notTrained];
  }
  const height = box.height - MARGIN.top - MARGIN.bottom;
  const scale = chooseLossScale(losses, height);
  // The powers of ten end 16 px left of the plot, and start no nearer the edge than 40 px.
  const widest = Math.max(...listLossTicks(scale).map((tick) => estimateTextWidth(tick.text, MIN_TEXT_SIZE)));
  const left = Math.max(MARGIN.left, 40 + widest + 16);
  const plot = { x: box.x + left, y: box.y + MARGIN.top, width: box.width - left - MARGIN.right, height };
  return [title, ...drawLossScale(plot, scale), ...drawLossPlot(view, plot, scale)];
}

/** The epoch axis and its marks, the target's line, the curve, and the loss it ends at. */
function drawLossPlot(view: LossView, plot: Box, scale: LossScale): string[] {
  const { labels, locale } = view;
  const toX = placeEpochs(view.axis, plot);
  const toY = placeLoss(scale, plot);
  const curve = view.points.map((p) => ({ x: toX(p.epoch), y: toY(p.loss) }));
  const last = view.dot ?? view.points.filter((p) => Number.isFinite(p.loss)).at(-1);
  const end = last && { x: toX(last.epoch), y: toY(last.loss) };
  const valueText = last && fillLoss(labels.lossValue, last.loss, locale);
  const value = end && valueText ? placeLossValue(valueText, plot, [...curve, end]) : undefined;
  const target = view.target;
  const points = curve.map((p) => `${px(p.x)},${px(p.y)}`).join(' ');
  return [
    ...drawEpochAxis(plot, { axis: view.axis, name: labels.epochs, locale }, toX),
    ...drawMarks(view.marks, { plot, axis: view.axis, name: labels.trainMore }, toX),
    ...(target === undefined
      ? []
      : drawTargetLine(
          labels.targetLoss.replace('{loss}', formatTarget(target, locale)),
          toY(target),
          plot,
          value,
        )),
    `<polyline points="${points}" fill="none" stroke="${CLASS_1}" stroke-width="5" stroke-linejoin="round"/>`,
    ...(end && (view.dot || view.points.length === 1)
      ? [drawCircle(end.x, end.y, 11, `fill="${CLASS_1}"`)]
      : []),
    ...(valueText && value ? [drawLossValue(valueText, value)] : []),
  ];
}
