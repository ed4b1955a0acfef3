import type { ModelState, WeightSnapshot } from '../core/types.js';
import { drawActivationPanel } from './activation-panel.js';
import { drawLossPanel, pickTargetLoss } from './loss-panel.js';
import { formatCount } from './number-text.js';
import type { ReplayInput } from './picture-types.js';
import { layoutPlane } from './plane-layout.js';
import { drawPlanePanel } from './plane-panel.js';
import { findVaryingInputs, placeRows } from './rows-view.js';
import { drawLine, drawText, HEADLINE_SIZE, wrapSvg } from './svg.js';

export const REPLAY_WIDTH = 1280;
const HEADER = 110;
const PLANE_HEIGHT = 800;
const ACTIVATION_HEIGHT = 760;
const LOSS_HEIGHT = 560;

/** A training of one epoch has two samples, its start and its end: too few to make a replay of. */
export const MIN_REPLAY_FRAMES = 3;

/** Whether the last training left enough samples of the weights for a replay. */
export const canReplay = (model: ModelState): boolean => (model.lastRun?.length ?? 0) >= MIN_REPLAY_FRAMES;

/** The weights' samples of the last training the replay shows: the stored ones, or the weights now. */
export function listReplaySnapshots(model: ModelState): WeightSnapshot[] {
  if (model.lastRun && model.lastRun.length > 0) return model.lastRun;
  const now: WeightSnapshot = { epoch: model.epochsTrained, weights: model.weights };
  if (model.bias !== undefined) now.bias = model.bias;
  return [now];
}

/**
 * One SVG frame per weight sample of the last training: the rows' plane (or the activation curve) as
 * the weights were then, above the loss curve drawn up to that epoch.
 */
export function drawReplayFrames(input: ReplayInput): string[] {
  const { model, rows, labels, names, locale } = input;
  const varying = findVaryingInputs(rows);
  const plane = varying.length === 2;
  const top = { x: 0, y: HEADER, width: REPLAY_WIDTH, height: plane ? PLANE_HEIGHT : ACTIVATION_HEIGHT };
  const bottom = { x: 0, y: top.y + top.height, width: REPLAY_WIDTH, height: LOSS_HEIGHT };
  const height = bottom.y + bottom.height;
  const layout = plane ? layoutPlane(rows, varying as [number, number], top) : undefined;
  const snapshots = listReplaySnapshots(model);
  const axis = { from: snapshots[0]?.epoch ?? 0, to: snapshots.at(-1)?.epoch ?? 0, log: true };
  const withLoss = snapshots.flatMap(({ epoch, loss }) => (loss === undefined ? [] : [{ epoch, loss }]));
  return snapshots.map((snapshot, i) => {
    const then: ModelState = { ...model, weights: snapshot.weights };
    if (snapshot.bias !== undefined) then.bias = snapshot.bias;
    const placed = placeRows(then, rows);
    const panel = layout
      ? drawPlanePanel({ model: then, rows: placed, layout, title: labels.plane, names, locale }, `frame${i}`)
      : drawActivationPanel({ model: then, rows: placed, labels, locale }, top);
    const points = withLoss.filter((point) => point.epoch <= snapshot.epoch);
    const dot = snapshot.loss === undefined ? undefined : { epoch: snapshot.epoch, loss: snapshot.loss };
    const scale = withLoss.map((point) => point.loss);
    const view = {
      points,
      axis,
      marks: [],
      scale,
      ...pickTargetLoss(model.settings),
      labels: { ...labels, epochs: input.replay.epochs },
      locale,
    };
    const loss = drawLossPanel({ ...view, ...(dot ? { dot } : {}) }, bottom);
    const epoch = input.replay.epoch.replace('{n}', formatCount(snapshot.epoch, locale));
    return wrapSvg(REPLAY_WIDTH, height, [
      drawText(40, 82, epoch, { size: HEADLINE_SIZE, weight: 'bold' }),
      drawLine(40, top.y, REPLAY_WIDTH - 40, top.y, '#d0d7de', 2),
      ...panel,
      drawLine(40, bottom.y, REPLAY_WIDTH - 40, bottom.y, '#d0d7de', 2),
      ...loss,
    ]);
  });
}
