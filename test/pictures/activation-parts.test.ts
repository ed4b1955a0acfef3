import { describe, expect, it } from 'vitest';
import { createModel } from '../../src/core/model.js';
import { DEFAULT_SETTINGS, type ModelState } from '../../src/core/types.js';
import { drawActivationPanel } from '../../src/pictures/activation-panel.js';
import { CLASS_1, WRONG } from '../../src/pictures/palette.js';
import type { PictureLabels } from '../../src/pictures/picture-types.js';
import {
  drawCaseGuide,
  drawCaseRing,
  drawRowDot,
  drawRowMark,
  drawWrongRing,
  rowDotRadius,
} from '../../src/pictures/row-marks.js';
import { drawRowsLegend } from '../../src/pictures/rows-legend.js';
import { findVaryingInputs, outputOf, type PlacedRow, placeRows } from '../../src/pictures/rows-view.js';
import {
  drawCircle,
  drawFittedText,
  drawLine,
  drawText,
  estimateTextWidth,
  INK,
  MIN_TEXT_SIZE,
  MUTED,
  px,
} from '../../src/pictures/svg.js';

const labels = {
  rows: 'Where the rows of the dataset fall on the activation curve',
  sum: 'weighted sum',
  target0: 'target 0',
  target1: 'target 1',
  wrong: 'wrong',
  caseText: '1 1 0',
} as PictureLabels;
const modelOf = (weights: number[], activation: 'sigmoid' | 'step' = 'sigmoid'): ModelState => ({
  ...createModel({ ...DEFAULT_SETTINGS, activation }, weights.length),
  weights,
});
const sigmoid = (sum: number) => 1 / (1 + Math.exp(-sum));
const muted = { size: MIN_TEXT_SIZE, fill: MUTED } as const;
const row = (sum: number, target: number, wrong = false): PlacedRow => ({
  inputs: [sum],
  target,
  sum,
  output: sigmoid(sum),
  targetClass: target >= 0.5 ? 1 : 0,
  wrong,
});

describe("the rows' marks", () => {
  it('are smaller for more rows', () => {
    expect([1, 20, 21, 200, 201].map(rowDotRadius)).toEqual([16, 16, 12, 12, 8]);
  });

  it('draw a dot of the target class, a wrong one ringed, and the case as a hollow ring', () => {
    expect(drawRowDot(1, 2, 1, 16)).toBe(
      drawCircle(1, 2, 16, `fill="${CLASS_1}" stroke="#ffffff" stroke-width="2"`),
    );
    expect(drawWrongRing(1, 2, 12)).toBe(
      drawCircle(1, 2, 21, `fill="none" stroke="${WRONG}" stroke-width="5"`),
    );
    expect(drawRowMark(3, 4, row(1, 0), 21)).toBe(drawRowDot(3, 4, 0, 12));
    expect(drawRowMark(3, 4, row(1, 0, true), 201)).toBe(drawRowDot(3, 4, 0, 8) + drawWrongRing(3, 4, 8));
    expect(drawCaseRing(5, 6)).toBe(drawCircle(5, 6, 20, `fill="none" stroke="${INK}" stroke-width="4"`));
    expect(drawCaseGuide(5, 100, 40)).toBe(drawLine(5, 100, 5, 40, INK, 2, ' stroke-dasharray="6 6"'));
  });
});

describe('the rows as the pictures place them', () => {
  it('each with its sum, output and classes under the model', () => {
    const model = modelOf([2, -1]);
    const rows = [
      { inputs: [1, 0], output: 1 },
      { inputs: [0, 1], output: 1 },
      { inputs: [0, 0], output: 0.5 },
    ];
    expect(placeRows(model, rows)).toEqual([
      { inputs: [1, 0], target: 1, sum: 2, output: sigmoid(2), targetClass: 1, wrong: false },
      { inputs: [0, 1], target: 1, sum: -1, output: sigmoid(-1), targetClass: 1, wrong: true },
      { inputs: [0, 0], target: 0.5, sum: 0, output: 0.5, targetClass: 1, wrong: false },
    ]);
    expect(outputOf(modelOf([1], 'step'), 0.1)).toBe(1);
    expect(outputOf(model, 0)).toBe(0.5);
  });

  it('find the inputs that vary between the rows', () => {
    const rows = [
      { inputs: [1, 0, 5, 2], output: 1 },
      { inputs: [1, 1, 5, 2], output: 0 },
      { inputs: [1, 0, 5, 3], output: 0 },
    ];
    expect(findVaryingInputs(rows)).toEqual([1, 3]);
    expect(findVaryingInputs([])).toEqual([]);
  });
});

describe("the rows' legend", () => {
  const box = { x: 0, y: 1000, width: 1280, height: 760 };
  /** Left of each item: 40 px in, then past its mark, its text and a gap. */
  const lefts = (texts: string[]) => {
    const all = [40];
    for (const text of texts)
      all.push((all.at(-1) as number) + 64 + estimateTextWidth(text, MIN_TEXT_SIZE) + 36);
    return all;
  };

  it('shows a dot of each class, the wrong ring and the case, in one line', () => {
    const [a, b, c, d] = lefts(['target 1', 'target 0', 'wrong']) as [number, number, number, number];
    expect(drawRowsLegend(labels, box, { rows: 4, withCase: true })).toEqual([
      drawRowDot(a + 26, 1148, 1, 16),
      drawText(a + 64, 1166, 'target 1', muted),
      drawRowDot(b + 26, 1148, 0, 16),
      drawText(b + 64, 1166, 'target 0', muted),
      drawWrongRing(c + 26, 1148, 16),
      drawText(c + 64, 1166, 'wrong', muted),
      drawCaseRing(d + 26, 1148),
      drawFittedText(d + 64, 1166, '1 1 0', 1280 - 40 - (d + 64), muted),
    ]);
    const many = drawRowsLegend(labels, { ...box, x: 10 }, { rows: 300, withCase: false });
    expect(many).toHaveLength(6);
    expect(many[0]).toBe(drawRowDot(a + 36, 1148, 1, 8));
  });

  it('leaves the case out when less than 120 px are left for its text', () => {
    const [, , , d] = lefts(['target 1', 'target 0', 'wrong']) as [number, number, number, number];
    const exact = { ...box, width: d + 64 + 120 + 40 };
    expect(drawRowsLegend(labels, exact, { rows: 4, withCase: true })).toHaveLength(8);
    expect(
      drawRowsLegend(labels, { ...exact, width: exact.width - 1 }, { rows: 4, withCase: true }),
    ).toHaveLength(6);
    // With no words the items are 100 px apart: 120 px are left for the case in a panel 564 px wide.
    const blank = { ...labels, target0: '', target1: '', wrong: '' };
    expect(drawRowsLegend(blank, { ...box, width: 564 }, { rows: 4, withCase: true })).toHaveLength(8);
    expect(drawRowsLegend(blank, { ...box, width: 563.9 }, { rows: 4, withCase: true })).toHaveLength(6);
  });
});

describe('the activation panel', () => {
  const box = { x: 0, y: 1000, width: 1280, height: 760 };
  // The plot: 150 px in from the left, 50 from the right, 230 down, 150 up from the bottom.
  const plot = { x: 150, y: 1230, width: 1080, height: 380 };
  const grid = (reach: string, negative: string, half = '0.5') => [
    drawLine(150, 1420, 1230, 1420, '#d0d7de', 2, ' stroke-dasharray="8 8"'),
    drawLine(690, 1230, 690, 1610, '#d0d7de', 2),
    drawLine(150, 1230, 150, 1610, INK, 3),
    drawLine(150, 1610, 1230, 1610, INK, 3),
    drawText(134, 1248, '1', { ...muted, anchor: 'end' }),
    drawText(134, 1438, half, { ...muted, anchor: 'end' }),
    drawText(134, 1618, '0', { ...muted, anchor: 'end' }),
    drawText(150, 1670, negative, { ...muted, anchor: 'start' }),
    drawText(690, 1670, '0', { ...muted, anchor: 'middle' }),
    drawText(1230, 1670, reach, { ...muted, anchor: 'end' }),
    drawText(690, 1734, 'weighted sum', { ...muted, anchor: 'middle' }),
  ];
  const curveOf = (reach: number, output: (sum: number) => number) =>
    Array.from({ length: 241 }, (_, i) => {
      const sum = -reach + (2 * reach * i) / 240;
      return `${px(plot.x + (i / 240) * plot.width)},${px(plot.y + (1 - output(sum)) * plot.height)}`;
    }).join(' ');

  it('draws the curve, the rows at (their sum, their target) and the case on the curve', () => {
    const model = modelOf([1]);
    const rows = [row(2, 1), row(-3, 0, true)];
    const parts = drawActivationPanel({ model, rows, labels, locale: 'en-US', caseSum: 1.5 }, box);
    // Sums up to 3: the axis reaches ±6, the sigmoid's bend.
    expect(parts).toEqual([
      drawFittedText(40, 1084, labels.rows, 1200, { size: 60, weight: 'bold' }),
      ...drawRowsLegend(labels, box, { rows: 2, withCase: true }),
      ...grid('6', '−6'),
      `<polyline points="${curveOf(6, sigmoid)}" fill="none" stroke="${INK}" stroke-width="4"/>`,
      drawRowMark(150 + (8 / 12) * 1080, 1230, rows[0] as PlacedRow, 2),
      drawRowMark(150 + (3 / 12) * 1080, 1610, rows[1] as PlacedRow, 2),
      drawCaseGuide(150 + (7.5 / 12) * 1080, 1610, 1230 + (1 - sigmoid(1.5)) * 380),
      drawCaseRing(150 + (7.5 / 12) * 1080, 1230 + (1 - sigmoid(1.5)) * 380),
    ]);
  });

  it('widens the axis to a round number past the largest sum, and leaves the case out of a replay', () => {
    const model = modelOf([1], 'step');
    const parts = drawActivationPanel({ model, rows: [row(-10.174, 0)], labels, locale: 'ru-RU' }, box);
    expect(parts).toEqual([
      drawFittedText(40, 1084, labels.rows, 1200, { size: 60, weight: 'bold' }),
      ...drawRowsLegend(labels, box, { rows: 1, withCase: false }),
      ...grid('12', '−12', '0,5'),
      `<polyline points="${curveOf(12, (sum) => (sum > 0 ? 1 : 0))}" fill="none" stroke="${INK}" stroke-width="4"/>`,
      drawRowMark(150 + ((12 - 10.174) / 24) * 1080, 1610, row(-10.174, 0), 1),
    ]);
  });

  it('picks the axis end from 1, 1.2, 1.5, 2, 2.5, … 10 times a power of ten', () => {
    const endOf = (sums: number[], caseSum?: number) => {
      const view = { model: modelOf([1]), rows: sums.map((s) => row(s, 1)), labels, locale: 'en-US' };
      const parts = drawActivationPanel(caseSum === undefined ? view : { ...view, caseSum }, box);
      return />([^<]*)<\/text>$/.exec(parts.find((p) => p.startsWith('<text x="1230" y="1670"')) ?? '')?.[1];
    };
    expect(endOf([1])).toBe('6');
    expect(endOf([6])).toBe('7');
    expect(endOf([-20])).toBe('25');
    expect(endOf([100])).toBe('120');
    expect(endOf([1], 40)).toBe('50');
    expect(endOf([8])).toBe('10');
    expect(endOf([1], -900)).toBe('1200');
    // (8 / 1.15) · 1.15 may come out a hair over 8: the axis still ends at 8, not 9.
    expect(endOf([8 / 1.15])).toBe('8');
    expect(endOf([Number.POSITIVE_INFINITY, 2])).toBe('6');
    expect(endOf([1e301])).toBe('1·10³⁰⁰');
  });

  it('puts sums past the axis at its ends', () => {
    const rows = [row(1e301, 1), row(-1e301, 0)];
    const parts = drawActivationPanel({ model: modelOf([1]), rows, labels, locale: 'en-US' }, box);
    expect(parts).toContain(drawRowMark(1230, 1230, rows[0] as PlacedRow, 2));
    expect(parts).toContain(drawRowMark(150, 1610, rows[1] as PlacedRow, 2));
  });
});
