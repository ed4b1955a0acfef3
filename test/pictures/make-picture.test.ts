import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../src/core/evaluate.js';
import { createModel } from '../../src/core/model.js';
import { DEFAULT_SETTINGS, type ModelState, type Row } from '../../src/core/types.js';
import { makePicture, makeReplay, REPLAY_PIXEL_WIDTH } from '../../src/pictures/make-picture.js';
import { layoutPicture } from '../../src/pictures/picture.js';
import type { PictureInput } from '../../src/pictures/picture-types.js';
import { pictureLabels } from '../helpers/picture-labels.js';

const labels = pictureLabels({ caseText: '1', plane: 'Inputs' });
const rows: Row[] = [
  { inputs: [0], output: 0 },
  { inputs: [1], output: 1 },
];
const model: ModelState = {
  ...createModel(DEFAULT_SETTINGS, 1),
  weights: [2],
  epochsTrained: 30,
  lossHistory: [{ epoch: 30, loss: 0.2 }],
  lastRun: [
    { epoch: 10, weights: [0.5], loss: 0.4 },
    { epoch: 20, weights: [1], loss: 0.3 },
    { epoch: 30, weights: [2], loss: 0.2 },
  ],
};
const input: PictureInput = { model, rows, case: [1], names: ['x1'], labels, locale: 'en-US' };

describe('making a picture', () => {
  it('renders the drawing to a PNG as wide as drawn, and tells the caption what it shows', () => {
    const made = makePicture(input);
    const image = PNG.sync.read(Buffer.from(made.png));
    expect([image.width, image.height]).toEqual([1280, layoutPicture(input).height]);
    // The title "Perceptron" is ink on the white page, above the first separator at 116.
    const darkIn = (x0: number, y0: number, x1: number, y1: number) => {
      let dark = 0;
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) if ((image.data[(y * 1280 + x) * 4] as number) < 100) dark++;
      return dark;
    };
    expect(darkIn(40, 30, 400, 90)).toBeGreaterThan(1000);
    expect(darkIn(800, 0, 1280, 110)).toBe(0);
    expect(made.evaluation).toEqual(evaluateModel(model, rows));
    expect(made.sum).toBe(2);
    expect(made.output).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
    expect(made.key).toEqual({ zeroWeight: false, boundary: false });
  });

  it("renders a replay's frames at its width into one GIF, from the first sample's epoch to the last's", () => {
    const made = makeReplay({ ...input, replay: { epoch: 'Epoch {n}', epochs: 'epochs' } });
    const gif = Buffer.from(made.gif);
    expect(gif.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    expect(gif.readUInt16LE(6)).toBe(REPLAY_PIXEL_WIDTH);
    expect({ frames: made.frames, from: made.from, to: made.to }).toEqual({ frames: 3, from: 10, to: 30 });
    const { lastRun: _, ...none } = model;
    const now = makeReplay({ ...input, model: none, replay: { epoch: 'Epoch {n}', epochs: 'epochs' } });
    expect({ frames: now.frames, from: now.from, to: now.to }).toEqual({ frames: 1, from: 30, to: 30 });
  });
});
