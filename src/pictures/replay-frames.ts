import type { ModelState, WeightSnapshot } from '../core/types.js';
import { drawActivationPanel } from './activation-panel.js';
import { drawLossPanel } from './loss-panel.js';
import { formatCount } from './number-text.js';
import type { ReplayInput } from './picture-types.js';
import { layoutPlane } from './plane-layout.js';
import { drawPlanePanel } from './plane-panel.js';
import { findVaryingInputs, placeRows } from './rows-view.js';
import { drawText, wrapSvg } from './svg.js';

export const REPLAY_WIDTH = 1280;
export const REPLAY_HEIGHT = 780;
const HEADER = 80;

/** The weights' samples of the last training the replay shows: the stored ones, or the weights now. */
export function listReplaySnapshots(model: ModelState): WeightSnapshot[] {
  if (model.lastRun && model.lastRun.length > 0) return model.lastRun;
  const now: WeightSnapshot = { epoch: model.epochsTrained, weights: model.weights };
  if (model.bias !== undefined) now.bias = model.bias;
  return [now];
}

/**
 * One SVG frame per weight sample of the last training: the rows' plane (or the activation curve) as
 * the weights were then, beside the loss curve drawn up to that epoch.
 */
export function drawReplayFrames(input: ReplayInput): string[] {
  const { model, rows, labels, locale } = input;
  const varying = findVaryingInputs(rows);
  const half = REPLAY_WIDTH / 2;
  const left = { x: 0, y: HEADER, width: half, height: REPLAY_HEIGHT - HEADER };
  const right = { ...left, x: half };
  const layout = varying.length === 2 ? layoutPlane(rows, varying as [number, number], left) : undefined;
  const snapshots = listReplaySnapshots(model);
  const axis = { from: snapshots[0]?.epoch ?? 0, to: snapshots.at(-1)?.epoch ?? 0, log: true };
  const withLoss = snapshots.flatMap(({ epoch, loss }) => (loss === undefined ? [] : [{ epoch, loss }]));
  return snapshots.map((snapshot, i) => {
    const then: ModelState = { ...model, weights: snapshot.weights };
    if (snapshot.bias !== undefined) then.bias = snapshot.bias;
    const placed = placeRows(then, rows);
    const panel = layout
      ? drawPlanePanel({ model: then, rows: placed, layout, title: labels.plane, locale }, `frame${i}`)
      : drawActivationPanel({ model: then, rows: placed, labels, locale }, left);
    const points = withLoss.filter((point) => point.epoch <= snapshot.epoch);
    const dot = snapshot.loss === undefined ? undefined : { epoch: snapshot.epoch, loss: snapshot.loss };
    const scale = withLoss.map((point) => point.loss);
    const view = {
      points,
      axis,
      marks: [],
      scale,
      labels: { ...labels, epochs: input.replay.epochs },
      locale,
    };
    const loss = drawLossPanel({ ...view, ...(dot ? { dot } : {}) }, right);
    const epoch = input.replay.epoch.replace('{n}', formatCount(snapshot.epoch, locale));
    return wrapSvg(REPLAY_WIDTH, REPLAY_HEIGHT, [
      drawText(40, 60, epoch, { size: 44, weight: 'bold' }),
      ...panel,
      ...loss,
    ]);
  });
}
