import { describe, expect, it } from 'vitest';
import { createModel } from '../../src/core/model.js';
import { predict } from '../../src/core/predict.js';
import { DEFAULT_SETTINGS, type ModelState, type Row } from '../../src/core/types.js';
import { drawActivationPanel } from '../../src/pictures/activation-panel.js';
import { drawLossPanel } from '../../src/pictures/loss-panel.js';
import { drawNeuronPanel, measureNeuronPanel } from '../../src/pictures/neuron-panel.js';
import { describeKey, drawPicture, layoutPicture } from '../../src/pictures/picture.js';
import type { PictureInput, ReplayInput } from '../../src/pictures/picture-types.js';
import { layoutPlane } from '../../src/pictures/plane-layout.js';
import { drawPlanePanel } from '../../src/pictures/plane-panel.js';
import { canReplay, drawReplayFrames, listReplaySnapshots } from '../../src/pictures/replay-frames.js';
import { placeRows } from '../../src/pictures/rows-view.js';
import { drawFittedText, drawLine, drawText, wrapSvg } from '../../src/pictures/svg.js';
import { pictureLabels } from '../helpers/picture-labels.js';

const labels = pictureLabels({
  title: 'Perceptron after 100 epochs of training on the rows of the dataset',
  neuron: 'The neuron for 1 1 1',
  caseText: '1 1 1',
  loss: 'Loss (log scale)',
});
/** Two inputs that vary and a third always 1, as a bias. */
const rows: Row[] = [
  { inputs: [0, 0, 1], output: 0 },
  { inputs: [1, 0, 1], output: 1 },
  { inputs: [0, 1, 1], output: 0 },
  { inputs: [1, 1, 1], output: 1 },
];
const trained: ModelState = {
  ...createModel(DEFAULT_SETTINGS, 3),
  weights: [6, -1, -2],
  epochsTrained: 100,
  lossHistory: [
    { epoch: 0, loss: 0.3 },
    { epoch: 100, loss: 0.01 },
  ],
  lastRun: [
    { epoch: 0, weights: [0.1, 0.1, 0.1], loss: 0.3 },
    { epoch: 50, weights: [3, -0.5, -1], loss: 0.05 },
    { epoch: 70, weights: [4, -0.7, -1.5] },
    { epoch: 100, weights: [6, -1, -2], loss: 0.0001 },
  ],
  continuedAt: [40],
};
const inputOf = (model: ModelState, over: Partial<PictureInput> = {}): PictureInput => ({
  model,
  rows,
  case: [1, 1, 1],
  names: ['x1', 'x2', 'x3'],
  labels,
  locale: 'en-US',
  ...over,
});
const separator = (y: number) => drawLine(40, y, 1240, y, '#d0d7de', 2);

describe("the picture's layout", () => {
  it('stacks the neuron, the loss, the rows on the curve and their plane', () => {
    const input = inputOf(trained);
    const neuron = measureNeuronPanel(input);
    const layout = layoutPicture(input);
    expect(layout.neuron).toEqual({ x: 0, y: 116, width: 1280, height: neuron });
    expect(layout.loss).toEqual({ x: 0, y: 116 + neuron, width: 1280, height: 700 });
    expect(layout.activation).toEqual({ x: 0, y: 816 + neuron, width: 1280, height: 760 });
    const plane = layoutPlane(rows, [0, 1], { x: 0, y: 1576 + neuron, width: 1280, height: 940 });
    expect(layout.plane?.box).toEqual(plane.box);
    expect(layout.plane?.plot).toEqual(plane.plot);
    expect([layout.plane?.across, layout.plane?.up]).toEqual([0, 1]);
    expect([layout.width, layout.height]).toEqual([1280, 2516 + neuron]);
  });

  it('gives an untrained loss panel one line, and has no plane unless exactly two inputs vary', () => {
    const untrained = createModel(DEFAULT_SETTINGS, 3);
    const three = rows.map((row, i) => ({ ...row, inputs: [...row.inputs.slice(0, 2), i] }));
    const layout = layoutPicture(inputOf(untrained, { rows: three }));
    const neuron = measureNeuronPanel(inputOf(untrained));
    expect(layout.loss.height).toBe(260);
    expect(layout.activation.y).toBe(376 + neuron);
    expect(layout.plane).toBeUndefined();
    expect(layout.height).toBe(1136 + neuron);
    const one = rows.map((row) => ({ ...row, inputs: [row.inputs[0] as number, 0, 1] }));
    expect(layoutPicture(inputOf(untrained, { rows: one })).plane).toBeUndefined();
  });

  it('draws no plane panel without a plane', () => {
    const three = rows.map((row, i) => ({ ...row, inputs: [...row.inputs.slice(0, 2), i] }));
    const svg = drawPicture(inputOf(trained, { rows: three }));
    expect(svg).not.toContain('linearGradient');
    expect(svg.match(/<line x1="40" y1="[\d.]+" x2="1240"/g)).toHaveLength(3);
  });
});

describe('the picture', () => {
  it('is the title and the panels, one under another, with the loss curve of the history and the last run', () => {
    const input = inputOf(trained);
    const layout = layoutPicture(input);
    const placed = placeRows(trained, rows);
    // The last run adds its sample at epoch 50; the history's losses win at 0 and 100.
    const points = [
      { epoch: 0, loss: 0.3 },
      { epoch: 50, loss: 0.05 },
      { epoch: 100, loss: 0.01 },
    ];
    const loss = { points, axis: { from: 0, to: 100, log: false }, marks: [40], labels, locale: 'en-US' };
    const plane = layout.plane as NonNullable<typeof layout.plane>;
    expect(drawPicture(input)).toBe(
      wrapSvg(1280, layout.height, [
        drawFittedText(40, 82, labels.title, 1200, { size: 66, weight: 'bold' }),
        separator(116),
        ...drawNeuronPanel(input, layout.neuron),
        separator(layout.loss.y),
        ...drawLossPanel(loss, layout.loss),
        separator(layout.activation.y),
        ...drawActivationPanel(
          { model: trained, rows: placed, labels, locale: 'en-US', caseSum: predict(trained, [1, 1, 1]).sum },
          layout.activation,
        ),
        separator(plane.box.y),
        ...drawPlanePanel({
          model: trained,
          rows: placed,
          layout: plane,
          title: labels.plane,
          names: ['x1', 'x2', 'x3'],
          locale: 'en-US',
        }),
      ]),
    );
  });

  it('draws the target loss, and no marks without a training gone on', () => {
    const { continuedAt: _, ...once } = trained;
    const model = { ...once, settings: { ...once.settings, target: 0.001 } };
    const svg = drawPicture(inputOf(model));
    expect(svg).toContain('>target 0.001</text>');
    expect(svg).not.toContain('stroke-dasharray="10 8"');
    expect(drawPicture(inputOf(trained))).toContain('stroke-dasharray="10 8"');
  });

  it('says which marks its caption explains: a weight of 0.00, the dashed 0.5 line', () => {
    expect(describeKey(inputOf(trained))).toEqual({ zeroWeight: false, boundary: true });
    const zero = { ...trained, weights: [6, 0.004, -2] };
    expect(describeKey(inputOf(zero))).toEqual({ zeroWeight: true, boundary: true });
    const flat = { ...trained, weights: [0, 0, 0] };
    expect(describeKey(inputOf(flat))).toEqual({ zeroWeight: true, boundary: false });
    const three = rows.map((row, i) => ({ ...row, inputs: [...row.inputs.slice(0, 2), i] }));
    expect(describeKey(inputOf(trained, { rows: three }))).toEqual({ zeroWeight: false, boundary: false });
  });
});

describe('the replay', () => {
  const replayOf = (model: ModelState, over: Partial<PictureInput> = {}): ReplayInput => ({
    ...inputOf(model, over),
    replay: { epoch: 'Epoch {n}', epochs: 'epochs (log scale)' },
  });

  it('needs three samples of the weights', () => {
    expect(canReplay(trained)).toBe(true);
    expect(canReplay({ ...trained, lastRun: trained.lastRun?.slice(0, 3) })).toBe(true);
    expect(canReplay({ ...trained, lastRun: trained.lastRun?.slice(0, 2) })).toBe(false);
    const { lastRun: _, ...none } = trained;
    expect(canReplay(none)).toBe(false);
  });

  it('shows the weights now when the last training left no samples', () => {
    expect(listReplaySnapshots(trained)).toBe(trained.lastRun);
    const { lastRun: _, ...none } = trained;
    expect(listReplaySnapshots(none)).toStrictEqual([{ epoch: 100, weights: [6, -1, -2] }]);
    expect(listReplaySnapshots({ ...none, lastRun: [], bias: 0.5 })).toStrictEqual([
      { epoch: 100, weights: [6, -1, -2], bias: 0.5 },
    ]);
  });

  it('draws a frame per sample: its epoch, the plane as the weights were, the loss up to it', () => {
    const frames = drawReplayFrames(replayOf(trained));
    expect(frames).toHaveLength(4);
    const top = { x: 0, y: 110, width: 1280, height: 800 };
    const bottom = { x: 0, y: 910, width: 1280, height: 560 };
    const layout = layoutPlane(rows, [0, 1], top);
    const withLoss = [
      { epoch: 0, loss: 0.3 },
      { epoch: 50, loss: 0.05 },
      { epoch: 100, loss: 0.0001 },
    ];
    const snapshots = trained.lastRun ?? [];
    snapshots.forEach((snapshot, i) => {
      const then = { ...trained, weights: snapshot.weights };
      const panel = drawPlanePanel(
        {
          model: then,
          rows: placeRows(then, rows),
          layout,
          title: labels.plane,
          names: ['x1', 'x2', 'x3'],
          locale: 'en-US',
        },
        `frame${i}`,
      );
      const loss = drawLossPanel(
        {
          points: withLoss.filter((p) => p.epoch <= snapshot.epoch),
          axis: { from: 0, to: 100, log: true },
          marks: [],
          scale: [0.3, 0.05, 0.0001],
          labels: { ...labels, epochs: 'epochs (log scale)' },
          locale: 'en-US',
          ...(snapshot.loss === undefined ? {} : { dot: { epoch: snapshot.epoch, loss: snapshot.loss } }),
        },
        bottom,
      );
      expect(frames[i]).toBe(
        wrapSvg(1280, 1470, [
          drawText(40, 82, `Epoch ${snapshot.epoch}`, { size: 66, weight: 'bold' }),
          drawLine(40, 110, 1240, 110, '#d0d7de', 2),
          ...panel,
          drawLine(40, 910, 1240, 910, '#d0d7de', 2),
          ...loss,
        ]),
      );
    });
  });

  it('draws the activation curve when the rows do not make a plane, with the bias of each sample', () => {
    const withBias: ModelState = {
      ...createModel({ ...DEFAULT_SETTINGS, bias: true, target: 0.001 }, 1),
      weights: [2],
      bias: -1,
      epochsTrained: 20_000,
      lastRun: [
        { epoch: 10_000, weights: [1], bias: 3, loss: 0.5 },
        { epoch: 20_000, weights: [2], loss: 0.1 },
      ],
    };
    const line: Row[] = [
      { inputs: [0], output: 0 },
      { inputs: [1], output: 1 },
    ];
    const frames = drawReplayFrames(
      replayOf(withBias, { rows: line, case: [1], names: ['x1'], locale: 'ru-RU' }),
    );
    const top = { x: 0, y: 110, width: 1280, height: 760 };
    const first = { ...withBias, weights: [1], bias: 3 };
    expect(frames[0]).toContain(
      drawActivationPanel({ model: first, rows: placeRows(first, line), labels, locale: 'ru-RU' }, top).join(
        '\n',
      ),
    );
    expect(frames[0]).toContain('>Epoch 10\u00a0000</text>');
    expect(frames[0]).toContain('<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="1430"');
    expect(frames[0]).toContain(drawLine(40, 870, 1240, 870, '#d0d7de', 2));
    expect(frames[1]).toContain(
      drawActivationPanel(
        { model: withBias, rows: placeRows(withBias, line), labels, locale: 'ru-RU' },
        top,
      ).join('\n'),
    );
    // The target's line, on the scale of both samples' losses; the axis from 10,000 to 20,000.
    expect(frames[1]).toContain('>target 0,001</text>');
    expect(frames[1]).toContain('>20\u00a0000</text>');
    // A log axis from a training that went on from epoch 10,000: its start is labelled.
    expect(frames[1]).toContain('>10\u00a0000</text>');
    expect(frames[0]).toContain('>loss 0,5000</text>');
  });
});
