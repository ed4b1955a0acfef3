import { predict } from '../core/predict.js';
import type { LossPoint, ModelState } from '../core/types.js';
import { drawActivationPanel } from './activation-panel.js';
import { drawLossPanel, pickTargetLoss, UNTRAINED_LOSS_HEIGHT } from './loss-panel.js';
import { drawNeuronPanel, listDrawnWeights, measureNeuronPanel } from './neuron-panel.js';
import { isZeroWeight } from './palette.js';
import type { PictureInput, PictureKey } from './picture-types.js';
import { findBoundary } from './plane-boundary.js';
import { findPixelSum } from './plane-field.js';
import { layoutPlane, type PlaneLayout } from './plane-layout.js';
import { drawPlanePanel } from './plane-panel.js';
import { findVaryingInputs, placeRows } from './rows-view.js';
import { type Box, drawFittedText, drawLine, HEADLINE_SIZE, wrapSvg } from './svg.js';

/** Pictures are this wide: Telegram shows them full width on a phone without scaling text away. */
export const PICTURE_WIDTH = 1280;
/** Heights of the title strip and of the panels whose height is fixed (the neuron's grows with its inputs). */
const HEIGHT = { header: 116, loss: 700, activation: 760, plane: 940 } as const;

export interface PictureLayout {
  width: number;
  height: number;
  neuron: Box;
  loss: Box;
  activation: Box;
  /** Present when exactly two inputs vary between the rows. */
  plane?: PlaneLayout;
}

/**
 * Where each panel goes, one under another at the full width: the neuron, the loss, the rows on the
 * curve, then their plane, if any.
 */
export function layoutPicture(input: PictureInput): PictureLayout {
  const neuronHeight = measureNeuronPanel(input);
  const neuron = { x: 0, y: HEIGHT.header, width: PICTURE_WIDTH, height: neuronHeight };
  const lossHeight = input.model.epochsTrained > 0 ? HEIGHT.loss : UNTRAINED_LOSS_HEIGHT;
  const loss = { x: 0, y: neuron.y + neuronHeight, width: PICTURE_WIDTH, height: lossHeight };
  const activation = { x: 0, y: loss.y + lossHeight, width: PICTURE_WIDTH, height: HEIGHT.activation };
  const top = activation.y + HEIGHT.activation;
  const varying = findVaryingInputs(input.rows);
  if (varying.length !== 2) return { width: PICTURE_WIDTH, height: top, neuron, loss, activation };
  const box = { x: 0, y: top, width: PICTURE_WIDTH, height: HEIGHT.plane };
  const plane = layoutPlane(input.rows, varying as [number, number], box);
  return { width: PICTURE_WIDTH, height: top + HEIGHT.plane, neuron, loss, activation, plane };
}

/** The whole picture of a perceptron as one SVG document: what /plot sends. */
export function drawPicture(input: PictureInput): string {
  const layout = layoutPicture(input);
  const { model, labels, locale } = input;
  const placed = placeRows(model, input.rows);
  const separator = (y: number) => drawLine(40, y, PICTURE_WIDTH - 40, y, '#d0d7de', 2);
  const body = [
    drawFittedText(40, 82, labels.title, PICTURE_WIDTH - 80, { size: HEADLINE_SIZE, weight: 'bold' }),
    separator(layout.neuron.y),
    ...drawNeuronPanel(input, layout.neuron),
    separator(layout.loss.y),
    ...drawLossPanel(
      {
        points: listLossPoints(model),
        axis: { from: 0, to: model.epochsTrained, log: false },
        marks: model.continuedAt ?? [],
        ...pickTargetLoss(model.settings),
        labels,
        locale,
      },
      layout.loss,
    ),
    separator(layout.activation.y),
    ...drawActivationPanel(
      { model, rows: placed, labels, locale, caseSum: predict(model, input.case).sum },
      layout.activation,
    ),
  ];
  if (layout.plane) {
    body.push(
      separator(layout.plane.box.y),
      ...drawPlanePanel({
        model,
        rows: placed,
        layout: layout.plane,
        title: labels.plane,
        names: input.names,
        locale,
      }),
    );
  }
  return wrapSvg(layout.width, layout.height, body);
}

/** What the picture's caption explains, as drawn: a weight of 0.00 in grey, the plane's dashed 0.5 line. */
export function describeKey(input: PictureInput): PictureKey {
  const plane = layoutPicture(input).plane;
  const rows = placeRows(input.model, input.rows);
  const boundary =
    plane && findBoundary(findPixelSum({ model: input.model, rows, layout: plane }), plane.plot);
  return { zeroWeight: listDrawnWeights(input).some(isZeroWeight), boundary: boundary !== undefined };
}

/**
 * The stored loss curve with the losses of the last training's weight samples merged in: the history is
 * thinned evenly, the samples are dense where the loss falls fastest, at the start.
 */
function listLossPoints(model: ModelState): LossPoint[] {
  const byEpoch = new Map(model.lossHistory.map((point) => [point.epoch, point.loss]));
  for (const { epoch, loss } of model.lastRun ?? [])
    if (loss !== undefined && !byEpoch.has(epoch)) byEpoch.set(epoch, loss);
  return [...byEpoch].sort(([a], [b]) => a - b).map(([epoch, loss]) => ({ epoch, loss }));
}
