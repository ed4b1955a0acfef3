import { describe, expect, it } from 'vitest';
import { createModel } from '../../src/core/model.js';
import { DEFAULT_SETTINGS, type ModelState, type Row } from '../../src/core/types.js';
import { colourOfOutput } from '../../src/pictures/palette.js';
import { drawAxes } from '../../src/pictures/plane-axes.js';
import { findBoundary } from '../../src/pictures/plane-boundary.js';
import { drawField, findPixelSum } from '../../src/pictures/plane-field.js';
import { layoutPlane } from '../../src/pictures/plane-layout.js';
import { drawPlanePanel } from '../../src/pictures/plane-panel.js';
import { fitPlaneTitle } from '../../src/pictures/plane-title.js';
import { drawRowMark } from '../../src/pictures/row-marks.js';
import { placeRows } from '../../src/pictures/rows-view.js';
import {
  drawFittedText,
  drawLine,
  drawRect,
  drawText,
  estimateTextWidth,
  INK,
  MIN_TEXT_SIZE,
  MUTED,
} from '../../src/pictures/svg.js';

const box = { x: 0, y: 2000, width: 1280, height: 940 };
/** The plot in that box: 640 px square, centred across the 1,060 px the margins leave. */
const plot = { x: 370, y: 2150, width: 640, height: 640 };
const square: Row[] = [
  { inputs: [0, 0], output: 0 },
  { inputs: [1, 0], output: 1 },
  { inputs: [0, 1], output: 0 },
  { inputs: [1, 1], output: 1 },
];
const modelOf = (
  weights: number[],
  bias?: number,
  activation: 'sigmoid' | 'step' = 'sigmoid',
): ModelState => {
  const model = createModel({ ...DEFAULT_SETTINGS, activation, bias: bias !== undefined }, weights.length);
  return { ...model, weights, ...(bias === undefined ? {} : { bias }) };
};
const muted = { size: MIN_TEXT_SIZE, fill: MUTED } as const;
const sigmoid = (sum: number) => 1 / (1 + Math.exp(-sum));

describe("the plane's layout", () => {
  it('is a square plot, centred, a quarter of the span beyond the rows', () => {
    const layout = layoutPlane(square, [0, 1], box);
    expect(layout.box).toBe(box);
    expect(layout.plot).toEqual(plot);
    expect([layout.across, layout.up]).toEqual([0, 1]);
    expect(layout.range).toEqual({ across: [-0.25, 1.25], up: [-0.25, 1.25] });
    const corner = layout.toPixel(-0.25, -0.25);
    expect([corner.x, corner.y]).toEqual([370, 2790]);
    const far = layout.toPixel(1.25, 1.25);
    expect(far.x).toBeCloseTo(1010, 9);
    expect(far.y).toBeCloseTo(2150, 9);
    const middle = layout.toPixel(0.5, 0.5);
    expect(middle.x).toBeCloseTo(690, 9);
    expect(middle.y).toBeCloseTo(2470, 9);
  });

  it('gives an input of one value a span of one, and each axis its own range', () => {
    const rows = [
      { inputs: [5, 2, 10], output: 0 },
      { inputs: [5, 2, 30], output: 1 },
    ];
    const layout = layoutPlane(rows, [1, 2], { x: 10, y: 0, width: 900, height: 1000 });
    expect(layout.range).toEqual({ across: [1.5, 2.5], up: [5, 35] });
    // 680 px across between the margins, the plot as wide, 700 px high at most.
    expect(layout.plot).toEqual({ x: 170, y: 150, width: 680, height: 680 });
    expect(layout.toPixel(2, 20).x).toBeCloseTo(510, 9);
    expect(layout.toPixel(2, 20).y).toBeCloseTo(490, 9);
  });
});

describe('the weighted sum over the plane', () => {
  it('is linear in the pixel, the other inputs at the first row’s values', () => {
    const rows = [
      { inputs: [0, 3, 0], output: 0 },
      { inputs: [1, 4, 1], output: 1 },
      { inputs: [2, 4, 3], output: 1 },
    ];
    const model = modelOf([2, 5, -1], 0.5);
    const layout = layoutPlane(rows, [0, 2], box);
    const { a, b, d } = findPixelSum({ model, rows: placeRows(model, rows), layout });
    for (const [across, up] of [
      [0, 0],
      [1, 3],
      [-2, 7],
    ] as const) {
      const { x, y } = layout.toPixel(across, up);
      expect(a * x + b * y + d).toBeCloseTo(2 * across + 15 - up + 0.5, 9);
    }
    // Without rows, the inputs not drawn count as 0.
    const acrossSecond = layoutPlane(rows, [1, 2], box);
    const none = findPixelSum({ model, rows: [], layout: acrossSecond });
    const at = acrossSecond.toPixel(3, 2);
    expect(none.a * at.x + none.b * at.y + none.d).toBeCloseTo(5 * 3 - 2 + 0.5, 9);
    const noBias = modelOf([1, 1, 1]);
    const sum = findPixelSum({ model: noBias, rows: placeRows(noBias, rows), layout });
    const { x, y } = layout.toPixel(1, 1);
    expect(sum.a * x + sum.b * y + sum.d).toBeCloseTo(1 + 3 + 1, 9);
  });
});

describe("the 0.5 line's segment", () => {
  it('runs from edge to edge of the plot', () => {
    const vertical = findBoundary({ a: 1, b: 0, d: -500 }, plot);
    expect(vertical).toEqual({ x1: 500, y1: 2150, x2: 500, y2: 2790 });
    const level = findBoundary({ a: 0, b: 2, d: -5000 }, plot);
    expect(level).toEqual({ x1: 1010, y1: 2500, x2: 370, y2: 2500 });
    const diagonal = findBoundary({ a: 1, b: -1, d: 1780 }, plot);
    expect(diagonal?.x1).toBeCloseTo(370, 6);
    expect(diagonal?.y1).toBeCloseTo(2150, 6);
    expect(diagonal?.x2).toBeCloseTo(1010, 6);
    expect(diagonal?.y2).toBeCloseTo(2790, 6);
    const steep = findBoundary({ a: 2, b: 1, d: -(2 * 690 + 2470) }, plot);
    // Through the centre, crossing the top and the bottom edges.
    expect(steep?.y1).toBeCloseTo(2150, 6);
    expect(steep?.x1).toBeCloseTo(850, 6);
    expect(steep?.y2).toBeCloseTo(2790, 6);
    expect(steep?.x2).toBeCloseTo(530, 6);
  });

  it('runs along an edge of the plot, and is drawn from 4 px long', () => {
    expect(findBoundary({ a: 1, b: 0, d: -370 }, plot)).toEqual({ x1: 370, y1: 2150, x2: 370, y2: 2790 });
    const flat = { x: 0, y: 0, width: 10, height: 4 };
    expect(findBoundary({ a: 1, b: 0, d: -5 }, flat)).toEqual({ x1: 5, y1: 0, x2: 5, y2: 4 });
    expect(findBoundary({ a: 1, b: 0, d: -5 }, { ...flat, height: 3.9 })).toBeUndefined();
  });

  it('is none where the line misses the plot, grazes a corner, or the weights are all but 0', () => {
    expect(findBoundary({ a: 1, b: 0, d: -2000 }, plot)).toBeUndefined();
    expect(findBoundary({ a: 1, b: 0, d: -100 }, plot)).toBeUndefined();
    expect(findBoundary({ a: 0, b: 1, d: -100 }, plot)).toBeUndefined();
    expect(findBoundary({ a: 0, b: 1, d: -3000 }, plot)).toBeUndefined();
    // x + y = 2522 cuts the top left corner 2.8 px long; 2525, 4.2 px.
    expect(findBoundary({ a: 1, b: 1, d: -2522 }, plot)).toBeUndefined();
    expect(findBoundary({ a: 1, b: 1, d: -2525 }, plot)).toBeDefined();
    expect(findBoundary({ a: 1e-13, b: 1e-13, d: 0 }, plot)).toBeUndefined();
    expect(findBoundary({ a: 1e-12, b: 0, d: -690e-12 }, plot)).toBeUndefined();
    expect(findBoundary({ a: 1e-11, b: 0, d: -690e-11 }, plot)).toBeDefined();
    expect(findBoundary({ a: Number.POSITIVE_INFINITY, b: 0, d: 0 }, plot)).toBeUndefined();
    expect(findBoundary({ a: Number.NaN, b: 1, d: 0 }, plot)).toBeUndefined();
    expect(findBoundary({ a: 1e200, b: 0, d: -690e200 }, plot)).toBeUndefined();
  });
});

describe('the colour field', () => {
  const layout = layoutPlane(square, [0, 1], box);
  const stopsOf = (gradient: string) =>
    [...gradient.matchAll(/<stop offset="(-?[\d.]+)" stop-color="(#\w+)"\/>/g)].map((m) => ({
      offset: Number(m[1]),
      colour: m[2] as string,
    }));

  it('is one colour when the sum does not change over the plane', () => {
    const model = modelOf([0, 0], 1);
    expect(drawField({ model, rows: [], layout }, { a: 0, b: 0, d: 1 }, 'p')).toBe(
      `<linearGradient id="p-field"><stop offset="0" stop-color="${colourOfOutput(sigmoid(1))}"/></linearGradient>`,
    );
    expect(drawField({ model, rows: [], layout }, { a: 1e-13, b: 0, d: -1 }, 'q')).toContain(
      `stop-color="${colourOfOutput(sigmoid(-1 + 1e-13 * 690))}"`,
    );
    // Weights beyond any number: the sum is infinite over the whole plot, of the sign of the infinite weight.
    expect(
      drawField({ model, rows: [], layout }, { a: Number.POSITIVE_INFINITY, b: 0, d: 0 }, 'q'),
    ).toContain(`stop-color="${colourOfOutput(1)}"`);
    expect(
      drawField({ model, rows: [], layout }, { a: 0, b: Number.NEGATIVE_INFINITY, d: 0 }, 'q'),
    ).toContain(`stop-color="${colourOfOutput(0)}"`);
    // 10⁻¹² long is long enough for a gradient.
    expect(drawField({ model, rows: [], layout }, { a: 1e-12, b: 0, d: 0 }, 'q')).toContain('gradientUnits');
    expect(drawField({ model, rows: [], layout }, { a: Number.NaN, b: 0, d: 0 }, 'q')).toBe(
      '<linearGradient id="q-field"><stop offset="0" stop-color="#ffffff"/></linearGradient>',
    );
  });

  it('fades along the direction the sum grows, with stops dense where the sigmoid bends', () => {
    const model = modelOf([1, 1]);
    // The sum runs from −320 at the plot's left edge to 320 at its right.
    const gradient = drawField({ model, rows: [], layout }, { a: 1, b: 0, d: -690 }, 'f');
    expect(gradient).toMatch(
      /^<linearGradient id="f-field" gradientUnits="userSpaceOnUse" x1="370" y1="0" x2="1010" y2="0">(<stop [^>]*\/>)+<\/linearGradient>$/,
    );
    const stops = stopsOf(gradient);
    // 31 even stops inside, 65 quarter steps of the sum from −8 to 8, and both ends.
    expect(stops).toHaveLength(98);
    expect(stops.map((s) => s.offset)).toEqual([...stops.map((s) => s.offset)].sort((x, y) => x - y));
    expect(stops[0]).toEqual({ offset: 0, colour: colourOfOutput(0) });
    expect(stops.at(-1)).toEqual({ offset: 1, colour: colourOfOutput(1) });
    // Each stop's colour is the output's where it stands, within the 4 decimals its offset is written with.
    const channels = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
    for (const stop of stops) {
      const low = channels(colourOfOutput(sigmoid(-320 + (stop.offset - 0.00005) * 640)));
      const high = channels(colourOfOutput(sigmoid(-320 + (stop.offset + 0.00005) * 640)));
      channels(stop.colour).forEach((c, i) => {
        // Either side of white the channels round apart by one.
        expect(c).toBeGreaterThanOrEqual(Math.min(low[i] as number, high[i] as number) - 1);
        expect(c).toBeLessThanOrEqual(Math.max(low[i] as number, high[i] as number) + 1);
      });
    }
    const near = stops.filter((s) => s.offset > 0.48 && s.offset < 0.52);
    expect(near.length).toBeGreaterThan(60);
    expect(gradient).toContain('<stop offset="0.5125" stop-color=');
  });

  it('runs from corner to corner across a slanted plane', () => {
    const gradient = drawField({ model: modelOf([1, 1]), rows: [], layout }, { a: 3, b: -4, d: 0 }, 'g');
    // Along (0.6, −0.8): the corners project from 0.6·370 − 0.8·2790 to 0.6·1010 − 0.8·2150.
    const from = 0.6 * 370 - 0.8 * 2790;
    const to = 0.6 * 1010 - 0.8 * 2150;
    expect(gradient).toContain(
      `x1="${Math.round(from * 0.6 * 10) / 10}" y1="${Math.round(from * -0.8 * 10) / 10}" x2="${Math.round(to * 0.6 * 10) / 10}" y2="${Math.round(to * -0.8 * 10) / 10}"`,
    );
  });

  it('has a hard edge where a step neuron flips, and only even stops otherwise', () => {
    const model = modelOf([1, 1], undefined, 'step');
    const stops = stopsOf(drawField({ model, rows: [], layout }, { a: 1, b: 0, d: -690 }, 's'));
    expect(stops).toHaveLength(35);
    expect(stops.map((s) => s.offset)).toEqual([...stops.map((s) => s.offset)].sort((x, y) => x - y));
    const orange = colourOfOutput(0);
    const blue = colourOfOutput(1);
    expect(stops.filter((s) => s.offset < 0.5).every((s) => s.colour === orange)).toBe(true);
    expect(stops.filter((s) => s.offset > 0.5).every((s) => s.colour === blue)).toBe(true);
    expect(stops.filter((s) => s.offset === 0.5).map((s) => s.colour)).toEqual([orange, orange, blue]);
    // The edge off the plot: no hard edge.
    const off = stopsOf(drawField({ model, rows: [], layout }, { a: 1, b: 0, d: -100 }, 's'));
    expect(off).toHaveLength(33);
    expect(off.every((s) => s.colour === blue)).toBe(true);
    for (const d of [-1100, -370, -1010])
      expect(stopsOf(drawField({ model, rows: [], layout }, { a: 1, b: 0, d }, 's'))).toHaveLength(33);
  });
});

describe("the plane's axes", () => {
  const layout = layoutPlane(square, [0, 1], box);
  const rows = placeRows(modelOf([1, 1]), square);

  it('label the lowest and highest value of each input, and name the inputs', () => {
    expect(drawAxes(layout, rows, ['x1', 'x2'], 'en-US')).toEqual([
      drawText(370 + 640 / 6, 2850, '0', { ...muted, anchor: 'middle' }),
      drawText(370 + (640 * 5) / 6, 2850, '1', { ...muted, anchor: 'middle' }),
      drawText(354, 2790 - 640 / 6 + 18, '0', { ...muted, anchor: 'end' }),
      drawText(354, 2150 + 640 / 6 + 18, '1', { ...muted, anchor: 'end' }),
      drawFittedText(690, 2914, 'x1', 1100, { ...muted, anchor: 'middle' }),
      drawText(280, 2488, 'x2', { ...muted, anchor: 'middle' }),
    ]);
  });

  it('name the inputs x1 … xn without names, the across one cut to its room', () => {
    const parts = drawAxes(layout, rows, [], 'ru-RU');
    expect(parts[4]).toBe(drawFittedText(690, 2914, 'x1', 1100, { ...muted, anchor: 'middle' }));
    expect(parts[5]).toBe(drawText(280, 2488, 'x2', { ...muted, anchor: 'middle' }));
    // The plot is centred 50 px right of the panel's middle: the room is twice what is left on its right.
    const long = 'a'.repeat(60);
    for (const [x, width, middle] of [
      [0, 1280, 690],
      [-300, 1280, 390],
      [0, 1380, 740],
    ] as const) {
      const shifted = layoutPlane(square, [0, 1], { ...box, x, width });
      expect(drawAxes(shifted, rows, [long, 'b'], 'en-US')[4]).toBe(
        drawFittedText(middle, 2914, long, width - 180, { ...muted, anchor: 'middle' }),
      );
    }
  });

  it('put a longer up name right-aligned before the ticks, and turn one too long upwards', () => {
    const mid = 'humidity';
    expect(drawAxes(layout, rows, ['a', mid], 'en-US')[5]).toBe(
      drawText(354, 2488, mid, { ...muted, anchor: 'end' }),
    );
    const long = 'relative humidity';
    const tick = estimateTextWidth('1', MIN_TEXT_SIZE);
    expect(drawAxes(layout, rows, ['a', long], 'en-US')[5]).toBe(
      drawFittedText(354 - tick - 24 - 0.24 * MIN_TEXT_SIZE, 2470, long, 640, {
        ...muted,
        anchor: 'middle',
        upwards: true,
      }),
    );
    // 343.2 px: no room between the margin and the ticks.
    expect(drawAxes(layout, rows, ['a', 'a'.repeat(10)], 'en-US')[5]).toContain('rotate(-90');
    // Turned upwards, left of the widest tick: "10.5", not "0".
    const wideTicks = placeRows(modelOf([1, 1]), [
      { inputs: [0, 0], output: 0 },
      { inputs: [1, 10.5], output: 1 },
    ]);
    const tall = layoutPlane(wideTicks, [0, 1], box);
    expect(drawAxes(tall, wideTicks, ['a', long], 'en-US')[5]).toBe(
      drawFittedText(
        354 - estimateTextWidth('10.5', MIN_TEXT_SIZE) - 24 - 0.24 * MIN_TEXT_SIZE,
        2470,
        long,
        640,
        {
          ...muted,
          anchor: 'middle',
          upwards: true,
        },
      ),
    );
    // A name of 148 px centred at 280 reaches 354 exactly; of 314 px right-aligned, the 40 px margin.
    const centred = 'mma';
    expect(estimateTextWidth(centred, MIN_TEXT_SIZE)).toBeLessThanOrEqual(148);
    expect(drawAxes(layout, rows, ['a', centred], 'en-US')[5]).toContain('text-anchor="middle"');
    const four = 'mmmm';
    expect(estimateTextWidth(four, MIN_TEXT_SIZE)).toBeGreaterThan(148);
    expect(drawAxes(layout, rows, ['a', four], 'en-US')[5]).toContain('text-anchor="end"');
  });

  it("keep the up name clear of the panel's left margin", () => {
    // A panel no wider than the plot needs: the plot 160 px in, a name centred at 70 reaches 40 px in at 60 px wide.
    const narrow = layoutPlane(square, [0, 1], { x: 0, y: 0, width: 860, height: 940 });
    expect(narrow.plot.x).toBe(160);
    const axes = (name: string) => drawAxes(narrow, rows, ['a', name], 'en-US')[5];
    expect(axes('i')).toBe(drawText(70, 488, 'i', { ...muted, anchor: 'middle' }));
    expect(axes('x2')).toBe(drawText(144, 488, 'x2', { ...muted, anchor: 'end' }));
  });
});

describe('the plane panel', () => {
  it('draws the title, the field, the 0.5 line, the axes and the rows', () => {
    const model = modelOf([4, -4]);
    const rows = placeRows(model, square);
    const layout = layoutPlane(square, [0, 1], box);
    const title = 'Inputs: the temperature of the air and the relative humidity';
    const view = { model, rows, layout, title, names: ['x1', 'x2'], locale: 'en-US' };
    const sum = findPixelSum(view);
    const boundary = findBoundary(sum, plot);
    expect(boundary).toBeDefined();
    const line = boundary as NonNullable<typeof boundary>;
    expect(drawPlanePanel(view, 'frame3')).toEqual([
      drawFittedText(40, 2084, title, 1200, { size: 60, weight: 'bold' }),
      `<defs>${drawField(view, sum, 'frame3')}</defs>`,
      drawRect(plot, `fill="url(#frame3-field)" stroke="${INK}" stroke-width="3"`),
      drawLine(line.x1, line.y1, line.x2, line.y2, INK, 4, ' stroke-dasharray="16 10"'),
      ...drawAxes(layout, rows, ['x1', 'x2'], 'en-US'),
      ...rows.map((row) => {
        const { x, y } = layout.toPixel(row.inputs[0] as number, row.inputs[1] as number);
        return drawRowMark(x, y, row, 4);
      }),
    ]);
    const flat = { ...view, model: modelOf([0, 0]) };
    const parts = drawPlanePanel(flat);
    expect(parts[1]).toContain('id="plane-field"');
    expect(parts[2]).toContain('url(#plane-field)');
    expect(parts.some((p) => p.includes('16 10'))).toBe(false);
    // The title, the field, the plot, six texts of the axes, four rows.
    expect(parts).toHaveLength(13);
  });
});

describe("the plane's title", () => {
  const compose = (across: string, up: string) => `Inputs: ${across} and ${up}`;

  it('keeps names that fit whole', () => {
    expect(fitPlaneTitle(compose, 'temperature', 'humidity')).toBe('Inputs: temperature and humidity');
  });

  it('cuts the longer name first, while the title is wider than the panel', () => {
    // Bold, "Inputs: " " and " and "bbbbb" take 10.32 em of 57.2 px: 609.7 px are left, 16 letters' room.
    expect(fitPlaneTitle(compose, 'a'.repeat(40), 'bbbbb')).toBe(`Inputs: ${'a'.repeat(15)}… and bbbbb`);
    const both = fitPlaneTitle(compose, 'a'.repeat(40), 'b'.repeat(40));
    expect(both).toMatch(/^Inputs: a+… and b+…$/);
    expect(estimateTextWidth(both, MIN_TEXT_SIZE, true)).toBeLessThanOrEqual(1200);
    const longer = both.replace('a…', 'aa…').replace('b…', 'bb…');
    expect(estimateTextWidth(longer, MIN_TEXT_SIZE, true)).toBeGreaterThan(1200);
  });

  it('cuts names to six characters at the least, even when the title still does not fit', () => {
    const wide = (across: string, up: string) => `${'W'.repeat(40)} ${across} ${up}`;
    expect(fitPlaneTitle(wide, 'temperature', 'humidity')).toBe(`${'W'.repeat(40)} tempe… humid…`);
    expect(fitPlaneTitle(wide, 'abc', 'de')).toBe(`${'W'.repeat(40)} abc de`);
  });
});
