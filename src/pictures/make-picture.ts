import { type Evaluation, evaluateModel } from '../core/evaluate.js';
import { predict } from '../core/predict.js';
import { encodeGif } from './encode-gif.js';
import { encodeRgbPng } from './encode-png.js';
import { describeKey, drawPicture } from './picture.js';
import type { PictureInput, PictureKey, ReplayInput } from './picture-types.js';
import { renderPixels } from './render-svg.js';
import { drawReplayFrames, listReplaySnapshots } from './replay-frames.js';

/** A drawn picture and what its caption tells. */
export interface MadePicture {
  png: Uint8Array;
  evaluation: Evaluation;
  /** The case drawn through the neuron. */
  sum: number;
  output: number;
  /** Which of the marks the caption may explain are drawn. */
  key: PictureKey;
}

export interface MadeReplay {
  gif: Uint8Array;
  frames: number;
  /** The epochs of the first and the last frame. */
  from: number;
  to: number;
}

/** Frames are scaled to this width: a replay stays well under 2 MB and still reads on a phone. */
export const REPLAY_PIXEL_WIDTH = 960;
const FRAME_DELAY_MS = 200;
const HOLD_LAST_MS = 2_000;

/** Draws and renders the picture of a perceptron, and evaluates it for the caption. Heavy: run in a worker. */
export function makePicture(input: PictureInput): MadePicture {
  const image = renderPixels(drawPicture(input));
  const png = encodeRgbPng(image.pixels, image.width, image.height);
  const { sum, output } = predict(input.model, input.case);
  return { png, evaluation: evaluateModel(input.model, input.rows), sum, output, key: describeKey(input) };
}

/** The last training as a looping GIF, one frame per weight sample. Heavy: run in a worker. */
export function makeReplay(input: ReplayInput): MadeReplay {
  const frames = drawReplayFrames(input).map((svg) => renderPixels(svg, REPLAY_PIXEL_WIDTH));
  const snapshots = listReplaySnapshots(input.model);
  return {
    gif: encodeGif(frames, FRAME_DELAY_MS, HOLD_LAST_MS),
    frames: frames.length,
    from: snapshots[0]?.epoch ?? 0,
    to: snapshots.at(-1)?.epoch ?? 0,
  };
}
