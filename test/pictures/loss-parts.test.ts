import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/types.js';
import { drawEpochAxis, drawMarks, placeEpochs } from '../../src/pictures/loss-epochs.js';
import {
  drawLossValue,
  drawTargetLine,
  fillLoss,
  formatTarget,
  placeLossValue,
} from '../../src/pictures/loss-labels.js';
import { drawLossPanel, type LossView, pickTargetLoss } from '../../src/pictures/loss-panel.js';
import { chooseLossScale, drawLossScale, listLossTicks, placeLoss } from '../../src/pictures/loss-scale.js';
import { CLASS_1, NEUTRAL, TARGET } from '../../src/pictures/palette.js';
import {
  drawCircle,
  drawFittedText,
  drawLine,
  drawText,
  estimateTextWidth,
  INK,
  MIN_TEXT_SIZE,
  MUTED,
} from '../../src/pictures/svg.js';

const plot = { x: 100, y: 0, width: 1000, height: 400 };
const muted = { size: MIN_TEXT_SIZE, fill: MUTED } as const;

describe('the loss scale', () => {
  it('spans whole powers of ten around the losses, at least two intervals', () => {
    expect(chooseLossScale([1, 1e-5], 410)).toEqual({ low: -5, high: 0, step: 1, floored: false });
    expect(chooseLossScale([0.25, Number.NaN], 410)).toEqual({ low: -2, high: 0, step: 1, floored: false });
    // One loss on a power of ten: the scale reaches one power over it, then two intervals down.
    expect(chooseLossScale([0.01], 410)).toEqual({ low: -3, high: -1, step: 1, floored: false });
    // Room for two labelled intervals: ticks every 4 powers, 8 in all.
    expect(chooseLossScale([10, 1e-6], 160)).toEqual({ low: -7, high: 1, step: 4, floored: false });
    expect(chooseLossScale([10, 1e-6], 240)).toEqual({ low: -8, high: 1, step: 3, floored: false });
  });

  it('ends at 10⁻¹², with "≤" only when a loss lies below it', () => {
    expect(chooseLossScale([1, 1e-297], 410)).toEqual({ low: -12, high: 0, step: 3, floored: true });
    expect(chooseLossScale([1, 0], 410)).toEqual({ low: -12, high: 0, step: 3, floored: true });
    expect(chooseLossScale([1, 1e-12], 410)).toEqual({ low: -12, high: 0, step: 3, floored: false });
    // Too near the floor to go two intervals down: the scale goes up instead.
    expect(chooseLossScale([1e-11, 1e-12], 410)).toEqual({ low: -12, high: -10, step: 1, floored: false });
    // Two intervals of 4 … three of them reach the floor exactly: the scale ends there, at 10⁰.
    expect(chooseLossScale([1, 1e-10], 240)).toEqual({ low: -12, high: 0, step: 4, floored: false });
  });

  it('places losses by their power of ten, and below the floor on it', () => {
    const toY = placeLoss(
      { low: -5, high: 0, step: 1, floored: false },
      { x: 0, y: 100, width: 10, height: 500 },
    );
    expect(toY(1)).toBeCloseTo(100, 9);
    expect(toY(1e-5)).toBeCloseTo(600, 9);
    expect(toY(1e-3)).toBeCloseTo(400, 9);
    expect(toY(0)).toBeCloseTo(1300, 9);
  });

  it('lists its ticks top first', () => {
    expect(listLossTicks({ low: -12, high: 0, step: 3, floored: true })).toEqual([
      { power: 0, text: '10⁰' },
      { power: -3, text: '10⁻³' },
      { power: -6, text: '10⁻⁶' },
      { power: -9, text: '10⁻⁹' },
      { power: -12, text: '≤10⁻¹²' },
    ]);
    expect(listLossTicks({ low: -2, high: 0, step: 1, floored: false }).map((t) => t.text)).toEqual([
      '10⁰',
      '10⁻¹',
      '10⁻²',
    ]);
  });

  it('draws a grid line and a label right-aligned 16 px left of the plot at each tick', () => {
    const box = { x: 200, y: 100, width: 600, height: 500 };
    const label = { size: MIN_TEXT_SIZE, anchor: 'end', fill: MUTED } as const;
    expect(drawLossScale(box, { low: -2, high: 0, step: 1, floored: false })).toEqual([
      drawLine(200, 100, 800, 100, '#d0d7de', 2),
      drawText(184, 118, '10⁰', label),
      drawLine(200, 350, 800, 350, '#d0d7de', 2),
      drawText(184, 368, '10⁻¹', label),
      drawLine(200, 600, 800, 600, '#d0d7de', 2),
      drawText(184, 618, '10⁻²', label),
    ]);
  });
});

describe('the epoch axis', () => {
  it('places epochs linearly, or by the log of the epochs since its start', () => {
    const box = { x: 10, y: 0, width: 300, height: 10 };
    expect(placeEpochs({ from: 0, to: 100, log: false }, box)(50)).toBeCloseTo(160, 9);
    expect(placeEpochs({ from: 20, to: 120, log: false }, box)(70)).toBeCloseTo(160, 9);
    const log = placeEpochs({ from: 100, to: 1099, log: true }, box);
    expect(log(109)).toBeCloseTo(110, 9);
    expect(log(1099)).toBeCloseTo(310, 9);
    expect(log(50)).toBeCloseTo(10, 9);
  });

  it('labels both ends of a linear axis, and names it under its end', () => {
    const axis = { from: 0, to: 500, log: false };
    expect(drawEpochAxis(plot, { axis, name: 'epochs', locale: 'en-US' }, placeEpochs(axis, plot))).toEqual([
      drawLine(100, 0, 100, 400, INK, 3),
      drawLine(100, 400, 1100, 400, INK, 3),
      drawText(1100, 460, '500', { ...muted, anchor: 'end' }),
      drawText(1100, 522, 'epochs', { ...muted, anchor: 'end' }),
      drawText(100, 460, '0', { ...muted, anchor: 'middle' }),
    ]);
  });

  it('ticks each power of ten of a log axis, labelled where the label has room', () => {
    const axis = { from: 0, to: 20_000, log: true };
    const toX = placeEpochs(axis, plot);
    const parts = drawEpochAxis(plot, { axis, name: 'epochs', locale: 'en-US' }, toX);
    const ticks = [1, 10, 100, 1000, 10_000];
    expect(parts.slice(0, 4)).toEqual([
      drawLine(100, 0, 100, 400, INK, 3),
      drawLine(100, 400, 1100, 400, INK, 3),
      drawText(1100, 460, '20,000', { ...muted, anchor: 'end' }),
      drawText(1100, 522, 'epochs', { ...muted, anchor: 'end' }),
    ]);
    for (const epoch of ticks) {
      const x = 100 + (Math.log10(1 + epoch) / Math.log10(20_001)) * 1000;
      expect(parts).toContain(drawLine(x, 400, x, 412, INK, 3));
      expect(parts).toContain(drawLine(x, 0, x, 400, '#eaeef2', 2));
    }
    const labels = parts.filter((part) => part.startsWith('<text')).slice(2);
    // 10,000 would reach into the end's label.
    expect(labels).toEqual(
      [1, 10, 100, 1000].map((epoch) =>
        drawText(toX(epoch), 460, epoch.toLocaleString('en-US'), { ...muted, anchor: 'middle' }),
      ),
    );
    expect(parts).toHaveLength(4 + 2 * ticks.length + 4);
    // No tick at the axis's end.
    const thousand = { from: 0, to: 1000, log: true };
    const grid = drawEpochAxis(
      plot,
      { axis: thousand, name: 'e', locale: 'en-US' },
      placeEpochs(thousand, plot),
    );
    expect(grid.filter((p) => p.includes('#eaeef2'))).toHaveLength(3);
  });

  it('keeps each label 24 px clear of the one before and of the end, and leaves out no label that would be', () => {
    for (const axis of [
      { from: 0, to: 20_000, log: true },
      { from: 300, to: 50_000, log: true },
      { from: 1000, to: 2000, log: true },
      { from: 0, to: 1e9, log: true },
    ]) {
      for (let width = 380; width <= 1500; width += 9) {
        const box = { x: 100, y: 0, width, height: 400 };
        const toX = placeEpochs(axis, box);
        const texts = drawEpochAxis(box, { axis, name: 'e', locale: 'en-US' }, toX);
        const drawn = new Set(
          texts.filter((t) => t.includes('text-anchor="middle"')).map((t) => />([^<]*)</.exec(t)?.[1]),
        );
        const widthOf = (n: number) => estimateTextWidth(n.toLocaleString('en-US'), MIN_TEXT_SIZE);
        const endStart = 100 + width - widthOf(axis.to) - 24;
        let before = 100 + (axis.from > 0 ? widthOf(axis.from) : 0);
        for (let step = axis.from > 0 ? 10 : 1; axis.from + step < axis.to; step *= 10) {
          const epoch = axis.from + step;
          const x = toX(epoch);
          const half = widthOf(epoch) / 2;
          const clear = x - half >= before + 24 && x + half <= endStart;
          expect([width, epoch, drawn.has(epoch.toLocaleString('en-US'))]).toEqual([width, epoch, clear]);
          if (clear) before = x + half;
        }
      }
    }
  });

  it('labels the start of a log axis that went on from an earlier training, and ticks from 10 on', () => {
    const axis = { from: 20_000, to: 20_500, log: true };
    const toX = placeEpochs(axis, plot);
    const parts = drawEpochAxis(plot, { axis, name: 'epochs', locale: 'en-US' }, toX);
    expect(parts.filter((part) => part.includes('#eaeef2'))).toEqual(
      [20_010, 20_100].map((epoch) => drawLine(toX(epoch), 0, toX(epoch), 400, '#eaeef2', 2)),
    );
    expect(parts.filter((part) => part.startsWith('<text'))).toEqual([
      drawText(1100, 460, '20,500', { ...muted, anchor: 'end' }),
      drawText(1100, 522, 'epochs', { ...muted, anchor: 'end' }),
      drawText(100, 460, '20,000', muted),
      drawText(toX(20_010), 460, '20,010', { ...muted, anchor: 'middle' }),
    ]);
  });

  it('leaves out a label too near the axis, the label before, or the end', () => {
    // 1 would stand 2 px from the axis; 100 and 1,000 too near 10; the rest run into "1,000,000,000".
    const axis = { from: 0, to: 1e9, log: true };
    const narrow = { x: 0, y: 0, width: 560, height: 100 };
    const toX = placeEpochs(axis, narrow);
    const texts = drawEpochAxis(narrow, { axis, name: 'e', locale: 'en-US' }, toX).filter((p) =>
      p.startsWith('<text'),
    );
    expect(texts.slice(2)).toEqual([drawText(toX(10), 160, '10', { ...muted, anchor: 'middle' })]);
  });

  it('draws the "train more" marks, one for marks a few pixels apart, and their legend', () => {
    const axis = { from: 0, to: 1000, log: false };
    const toX = placeEpochs(axis, plot);
    const dashed = ' stroke-dasharray="10 8"';
    expect(drawMarks([66, 0, 55, 58, 50, 1000, 1200], { plot, axis, name: 'train more' }, toX)).toEqual([
      drawLine(150, 0, 150, 400, NEUTRAL, 3, dashed),
      drawLine(158, 0, 158, 400, NEUTRAL, 3, dashed),
      drawLine(166, 0, 166, 400, NEUTRAL, 3, dashed),
      drawLine(60, 504, 130, 504, NEUTRAL, 4, dashed),
      drawText(146, 522, 'train more', { size: MIN_TEXT_SIZE, fill: MUTED }),
    ]);
    expect(drawMarks([0, 1000], { plot, axis, name: 'train more' }, toX)).toEqual([]);
  });
});

describe('the loss labels', () => {
  const text = 'aaaa';
  const width = estimateTextWidth(text, MIN_TEXT_SIZE);
  const right = 1086;
  const left = right - width;
  const spanAt = (y: number) => ({ left, right, top: y - 40, bottom: y + 12 });

  it('puts the loss above the curve under it, right-aligned 14 px in', () => {
    const curve = [
      { x: 100, y: 50 },
      { x: 600, y: 300 },
      { x: 1000, y: 350 },
      { x: 1100, y: 360 },
    ];
    expect(placeLossValue(text, plot, curve)).toEqual(spanAt(274));
    // Only where the curve passes under the label counts: the first point does not.
    expect(placeLossValue(text, plot, [{ x: 100, y: 100 }, ...curve.slice(1)])).toEqual(spanAt(274));
  });

  it('counts a point at either edge of the label as under it', () => {
    expect(placeLossValue(text, plot, [{ x: right, y: 300 }])).toEqual(spanAt(274));
    expect(placeLossValue(text, plot, [{ x: left, y: 300 }])).toEqual(spanAt(274));
    expect(placeLossValue(text, plot, [{ x: right + 1, y: 300 }])).toEqual(spanAt(374));
    expect(placeLossValue(text, plot, [{ x: left - 1, y: 300 }])).toEqual(spanAt(374));
    expect(
      placeLossValue(text, plot, [
        { x: left - 10, y: 300 },
        { x: right + 10, y: 300 },
      ]),
    ).toEqual(spanAt(274));
  });

  it('puts it below the curve when above is no room, else above the plot', () => {
    expect(placeLossValue(text, plot, [{ x: 1000, y: 80 }])).toEqual(spanAt(54));
    expect(placeLossValue(text, plot, [{ x: 1000, y: 79 }])).toEqual(spanAt(133));
    expect(
      placeLossValue(text, plot, [
        { x: 1000, y: 10 },
        { x: 1050, y: 320 },
      ]),
    ).toEqual(spanAt(374));
    expect(
      placeLossValue(text, plot, [
        { x: 1000, y: 10 },
        { x: 1050, y: 321 },
      ]),
    ).toEqual(spanAt(-14));
  });

  it('draws the loss right-aligned in its span, bold and blue', () => {
    expect(drawLossValue('loss 0.25', spanAt(274))).toBe(
      drawText(right, 274, 'loss 0.25', {
        size: MIN_TEXT_SIZE,
        anchor: 'end',
        weight: 'bold',
        fill: CLASS_1,
      }),
    );
    expect(fillLoss('loss {loss}', 0.25, 'en-US')).toBe('loss 0.2500');
  });

  it('writes the target as set, as mantissa·10ⁿ below 10⁻⁴', () => {
    expect(formatTarget(0.001, 'en-US')).toBe('0.001');
    expect(formatTarget(0.0001, 'ru-RU')).toBe('0,0001');
    expect(formatTarget(0.0000123, 'en-US')).toBe('1.23·10⁻⁵');
    expect(formatTarget(0.0000999, 'en-US')).toBe('9.99·10⁻⁵');
  });

  it('draws the target line across the plot, named under it, or over it when under does not fit', () => {
    const target = (y: number, x = 120) => drawText(x, y, 'target', { size: MIN_TEXT_SIZE, fill: TARGET });
    const line = (y: number) => drawLine(100, y, 1100, y, TARGET, 4, ' stroke-dasharray="4 8"');
    expect(drawTargetLine('target', 200, plot)).toEqual([line(200), target(254)]);
    expect(drawTargetLine('target', 334, plot)).toEqual([line(334), target(388)]);
    expect(drawTargetLine('target', 335, plot)).toEqual([line(335), target(309)]);
    const short = { ...plot, height: 100 };
    expect(drawTargetLine('target', 60, short)[1]).toBe(target(114));
    expect(drawTargetLine('target', 66, short)[1]).toBe(target(40));
  });

  it("keeps the target's name off the loss's label", () => {
    const w = estimateTextWidth('target', MIN_TEXT_SIZE);
    // Under the line at 200 the name spans 120 … 120 + w across, 214 … 266 down.
    const name = (avoid: { left: number; right: number; top: number; bottom: number }) =>
      drawTargetLine('target', 200, plot, avoid)[1];
    const under = drawText(120, 254, 'target', { size: MIN_TEXT_SIZE, fill: TARGET });
    const over = drawText(120, 174, 'target', { size: MIN_TEXT_SIZE, fill: TARGET });
    expect(name({ left: 100, right: 200, top: 250, bottom: 270 })).toBe(over);
    expect(name({ left: 100, right: 200, top: 266, bottom: 300 })).toBe(under);
    expect(name({ left: 100, right: 200, top: 190, bottom: 214 })).toBe(under);
    expect(name({ left: 0, right: 120, top: 220, bottom: 260 })).toBe(under);
    expect(name({ left: 120 + w, right: 900, top: 220, bottom: 260 })).toBe(under);
    expect(name({ left: 119, right: 121, top: 265, bottom: 300 })).toBe(over);
    // Over does not fit either: under it is, on the label.
    expect(name({ left: 100, right: 200, top: 100, bottom: 300 })).toBe(under);
  });
});

describe('the loss panel', () => {
  const labels = {
    loss: 'The loss over the epochs of the training, on a log scale',
    lossValue: 'loss {loss}',
    targetLoss: 'target {loss}',
    epochs: 'epochs',
    trainMore: 'train more',
    notTrained: 'Not trained yet',
  };
  const box = { x: 0, y: 1000, width: 1280, height: 700 };
  const title = drawFittedText(40, 1084, labels.loss, 1200, { size: 60, weight: 'bold' });
  const view = (over: Partial<LossView>): LossView => ({
    points: [
      { epoch: 0, loss: 1 },
      { epoch: 10, loss: 0.01 },
    ],
    axis: { from: 0, to: 10, log: false },
    marks: [],
    labels,
    locale: 'en-US',
    ...over,
  });

  it('draws the target loss of a sigmoid neuron, none of a step one', () => {
    expect(pickTargetLoss({ ...DEFAULT_SETTINGS, target: 0.001 })).toEqual({ target: 0.001 });
    expect(pickTargetLoss(DEFAULT_SETTINGS)).toStrictEqual({});
    expect(pickTargetLoss({ ...DEFAULT_SETTINGS, activation: 'step', target: 0.001 })).toEqual({});
  });

  it('says "not trained" without a loss or without epochs', () => {
    const notTrained = drawText(640, 1190, 'Not trained yet', {
      size: MIN_TEXT_SIZE,
      anchor: 'middle',
      fill: MUTED,
    });
    expect(drawLossPanel(view({ points: [] }), box)).toEqual([title, notTrained]);
    expect(drawLossPanel(view({ points: [{ epoch: 0, loss: Number.NaN }] }), box)).toEqual([
      title,
      notTrained,
    ]);
    expect(drawLossPanel(view({ axis: { from: 10, to: 10, log: false } }), box)).toEqual([title, notTrained]);
  });

  it('draws the scale, the axis, the curve and the loss it ends at', () => {
    // Losses 1 … 0.01 on 410 px: 10⁰ to 10⁻², the plot 180 px in, 150 down.
    const parts = drawLossPanel(view({}), box);
    const scalePlot = { x: 180, y: 1150, width: 1050, height: 410 };
    const scale = drawLossScale(scalePlot, { low: -2, high: 0, step: 1, floored: false });
    const axis = drawEpochAxis(
      scalePlot,
      { axis: { from: 0, to: 10, log: false }, name: 'epochs', locale: 'en-US' },
      placeEpochs({ from: 0, to: 10, log: false }, scalePlot),
    );
    expect(parts).toEqual([
      title,
      ...scale,
      ...axis,
      `<polyline points="180,1150 1230,1560" fill="none" stroke="${CLASS_1}" stroke-width="5" stroke-linejoin="round"/>`,
      // Neither above nor below the curve has room: above the plot.
      drawText(1216, 1136, 'loss 0.0100', {
        size: MIN_TEXT_SIZE,
        anchor: 'end',
        weight: 'bold',
        fill: CLASS_1,
      }),
    ]);
  });

  it('moves the plot right of wide ticks, and marks a single point or the dot with a circle', () => {
    const parts = drawLossPanel(view({ points: [{ epoch: 10, loss: 1e-300 }] }), box);
    // "≤10⁻¹²" is 193.44 px wide: the plot starts 40 + 193.44 + 16 px in.
    expect(parts).toContain(drawLine(249.44, 1150, 1230, 1150, '#d0d7de', 2));
    expect(parts).toContain(drawCircle(1230, 1560, 11, `fill="${CLASS_1}"`));
    expect(parts.filter((p) => p.startsWith('<circle'))).toHaveLength(1);
    const dotted = drawLossPanel(view({ dot: { epoch: 0, loss: 1 } }), box);
    expect(dotted).toContain(drawCircle(180, 1150, 11, `fill="${CLASS_1}"`));
    expect(dotted.at(-1)).toContain('>loss 1.0000<');
  });

  it('draws the target line at its loss, and the marks, and keeps the scale given', () => {
    const parts = drawLossPanel(view({ target: 0.001, marks: [5], scale: [100] }), box);
    // 10² … 10⁻³ on 410 px: 10⁻³ at the bottom.
    expect(parts).toContain(drawLine(180, 1560, 1230, 1560, TARGET, 4, ' stroke-dasharray="4 8"'));
    expect(parts.some((p) => p.includes('>target 0.001<'))).toBe(true);
    expect(parts).toContain(drawLine(180, 1150, 1230, 1150, '#d0d7de', 2));
    expect(parts.some((p) => p.includes('>10²<'))).toBe(true);
    expect(parts).toContain(drawLine(705, 1150, 705, 1560, NEUTRAL, 3, ' stroke-dasharray="10 8"'));
    expect(parts.some((p) => p.includes('>train more<'))).toBe(true);
    // Only the scale given: no curve to end, no loss printed.
    const scaleOnly = drawLossPanel(view({ points: [], scale: [0.1, 0.01] }), box);
    expect(scaleOnly.at(-1)).toBe(
      `<polyline points="" fill="none" stroke="${CLASS_1}" stroke-width="5" stroke-linejoin="round"/>`,
    );
    // The dot's loss widens the scale.
    expect(
      drawLossPanel(view({ dot: { epoch: 5, loss: 1e-6 } }), box).some((p) => p.includes('>10⁻⁶<')),
    ).toBe(true);
    const lastFinite = drawLossPanel(
      view({ points: [...view({}).points, { epoch: 10, loss: Number.NaN }] }),
      box,
    );
    expect(lastFinite.at(-1)).toContain('>loss 0.0100<');
  });
});
