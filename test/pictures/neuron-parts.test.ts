import { describe, expect, it } from 'vitest';
import { createModel } from '../../src/core/model.js';
import { predict } from '../../src/core/predict.js';
import { DEFAULT_SETTINGS, type ModelState } from '../../src/core/types.js';
import { drawFormula, drawNeuron, type Synapse, writeFormula } from '../../src/pictures/neuron-body.js';
import {
  countGroupedInputs,
  drawNeuronPanel,
  listDrawnWeights,
  measureNeuronPanel,
} from '../../src/pictures/neuron-panel.js';
import { CLASS_0, CLASS_1, colourOfOutput, NEUTRAL } from '../../src/pictures/palette.js';
import type { PictureInput } from '../../src/pictures/picture-types.js';
import {
  drawCircle,
  drawFittedText,
  drawLine,
  drawRect,
  drawText,
  estimateTextWidth,
  INK,
  MIN_TEXT_SIZE,
  MUTED,
} from '../../src/pictures/svg.js';
import {
  chooseNameLayout,
  drawGroup,
  drawSynapse,
  placeColumns,
  type RowPlace,
} from '../../src/pictures/synapse-rows.js';
import { pictureLabels } from '../helpers/picture-labels.js';

const labels = pictureLabels({ moreInputs: '+ 2 more' });
const muted = { size: MIN_TEXT_SIZE, anchor: 'middle', fill: MUTED } as const;
const synapse = (name: string, value: number, weight: number): Synapse => ({ name, value, weight });

describe('the neuron', () => {
  const centre = { x: 740, y: 500 };
  const drawn = (output: number, room = { crowded: false, clearOf: 600 }, sum = 10.174) =>
    drawNeuron(centre, { sum, output, room }, { labels, locale: 'en-US' }, 0);

  it('draws the circle with Σ and the sum, the arrow, and the output in its box', () => {
    // "weighted sum" is 7.6 em, 395.2 px: its middle 197.6 px right of where the label may start.
    const box = { x: 960, y: 452, width: 280, height: 96 };
    expect(drawn(0.99996)).toEqual([
      drawCircle(740, 500, 112, `fill="#ffffff" stroke="${INK}" stroke-width="4"`),
      drawText(740, 466, 'Σ', { size: 60, anchor: 'middle', weight: 'bold' }),
      drawText(740, 532, '10.17', { size: MIN_TEXT_SIZE, anchor: 'middle' }),
      drawText(797.6, 346, 'weighted sum', muted),
      drawLine(852, 500, 936, 500, INK, 4),
      `<path d="M934 484 L960 500 L934 516 Z" fill="${INK}"/>`,
      drawText(1100, 430, 'sigmoid', muted),
      drawRect(box, `rx="18" fill="${colourOfOutput(0.99996)}" stroke="${CLASS_1}" stroke-width="4"`),
      drawText(1100, 519, '0.99996', { size: MIN_TEXT_SIZE, anchor: 'middle', weight: 'bold' }),
      drawText(1100, 608, 'output', muted),
    ]);
    const left = drawNeuron(
      centre,
      { sum: 1, output: 0.5, room: { crowded: false, clearOf: 0 } },
      { labels, locale: 'en-US' },
      100,
    );
    expect(left).toContain(
      drawRect({ ...box, x: 1060 }, `rx="18" fill="#ffffff" stroke="${CLASS_1}" stroke-width="4"`),
    );
  });

  it('edges an output under 0.5 in orange', () => {
    expect(drawn(0.49)[7]).toBe(
      drawRect(
        { x: 960, y: 452, width: 280, height: 96 },
        `rx="18" fill="${colourOfOutput(0.49)}" stroke="${CLASS_0}" stroke-width="4"`,
      ),
    );
  });

  it('puts the label over the neuron, right of the synapses, higher and further right when crowded', () => {
    expect(drawn(1, { crowded: false, clearOf: 0 })[3]).toBe(drawText(740, 346, 'weighted sum', muted));
    expect(drawn(1, { crowded: true, clearOf: 600 })[3]).toBe(drawText(857.6, 306, 'weighted sum', muted));
    expect(drawn(1, { crowded: true, clearOf: 700 })[3]).toBe(drawText(897.6, 306, 'weighted sum', muted));
  });

  it('writes the sum with as many digits as fit the circle', () => {
    expect(drawn(1, undefined, -314.65)[2]).toBe(
      drawText(740, 532, '−314.7', { size: MIN_TEXT_SIZE, anchor: 'middle' }),
    );
    // The chord 6 px under the sum's baseline, 2 px inside the stroke: 2·√(108² − 38²) = 202.2 px. "314650"
    // takes 205.92 px, "3.1·10⁵" 201.76.
    expect(drawn(1, undefined, 314_650)[2]).toBe(
      drawText(740, 532, '3.1·10⁵', { size: MIN_TEXT_SIZE, anchor: 'middle' }),
    );
  });

  it('writes the weighted sum out in lines that fit 1,200 px', () => {
    const three = [synapse('x1', 1, 10.38), synapse('x2', 1, -0.21), synapse('x3', 0, -4.98)];
    const lines = writeFormula(three, 10.17, 'en-US');
    expect(lines.join(' ')).toBe('Σ = 1·10.38 + 1·(−0.21) + 0·(−4.98) = 10.17');
    expect(writeFormula([], 0, 'ru-RU')).toEqual(['Σ = 0 = 0,00']);
    const many = Array.from({ length: 12 }, (_, i) => synapse(`x${i}`, 0.25, -1.5));
    const long = writeFormula(many, -4.5, 'en-US');
    expect(long.length).toBeGreaterThan(1);
    expect(long.join(' ')).toBe(`Σ = 0.25·(−1.50) ${'+ 0.25·(−1.50) '.repeat(11)}= −4.50`);
    long.forEach((line, i) => {
      expect(estimateTextWidth(line, MIN_TEXT_SIZE)).toBeLessThanOrEqual(1200);
      const next = long[i + 1]?.split(' + ')[0]?.split(' = ')[0];
      if (next) expect(estimateTextWidth(`${line} ${next}`, MIN_TEXT_SIZE)).toBeGreaterThan(1200);
    });
    expect(drawFormula(['a', 'b'], 100, 700)).toEqual([
      drawText(140, 700, 'a', { size: MIN_TEXT_SIZE }),
      drawText(140, 768, 'b', { size: MIN_TEXT_SIZE }),
    ]);
  });
});

describe("the synapses' rows", () => {
  it('put the names beside their boxes only when each fits there', () => {
    expect(chooseNameLayout([synapse('x1', 1, 1), synapse('sun', 0, 1)], 'en-US')).toBe('beside');
    expect(chooseNameLayout([synapse('x1', 1, 1), synapse('temperature', 0, 1)], 'en-US')).toBe('above');
    // A box as wide as "−0.87" leaves x10 no room; x1 still fits.
    expect(chooseNameLayout([synapse('x1', -0.87, 1)], 'en-US')).toBe('beside');
    expect(chooseNameLayout([synapse('x10', -0.87, 1)], 'en-US')).toBe('above');
    expect(chooseNameLayout([synapse('x10', 1, 1)], 'en-US')).toBe('beside');
    // "suni", 121.68 px, with its 10 px gap ends past the 170 px a box of 100 leaves it.
    expect(chooseNameLayout([synapse('suni', 1, 1)], 'en-US')).toBe('above');
  });

  it('line the weights up at 480 px at the least, right of the widest box', () => {
    expect(placeColumns([synapse('x1', 1, 10.38)], 'en-US', 'beside')).toEqual({
      labelRight: 480,
      lineStart: 500,
      names: 'beside',
    });
    // "123456.7" in a box 292.96 wide, right edge 366.48; "−12.34" bold 219.648 wide.
    const wide = placeColumns([synapse('x1', 123456.7, 1), synapse('x2', 0, -12.34)], 'en-US', 'above');
    expect(wide.labelRight).toBeCloseTo(606.128, 9);
    expect(wide.lineStart).toBeCloseTo(626.128, 9);
    expect(wide.names).toBe('above');
  });

  const place = (over: Partial<RowPlace> = {}): RowPlace => ({
    centre: { x: 740, y: 500 },
    columns: { labelRight: 480, lineStart: 500, names: 'beside' },
    maxWeight: 10,
    locale: 'en-US',
    left: 0,
    ...over,
  });

  it("draw an input's row: its synapse, name, value in a box and weight", () => {
    expect(drawSynapse(synapse('x1', 1, -5), 300, place())).toEqual([
      drawLine(500, 300, 740, 500, CLASS_0, 10.5, ' stroke-linecap="round"'),
      drawText(40, 318, 'x1', { size: MIN_TEXT_SIZE, fill: MUTED }),
      drawRect(
        { x: 170, y: 264, width: 100, height: 72 },
        `rx="14" fill="#f6f8fa" stroke="${INK}" stroke-width="2"`,
      ),
      drawText(220, 318, '1', { size: MIN_TEXT_SIZE, anchor: 'middle' }),
      drawText(480, 318, '−5.00', { size: MIN_TEXT_SIZE, anchor: 'end', weight: 'bold', fill: CLASS_0 }),
    ]);
    const value = '123456.7';
    const boxWidth = estimateTextWidth(value, MIN_TEXT_SIZE) + 34;
    expect(drawSynapse(synapse('x1', 123456.7, 10), 300, place({ left: 100 })).slice(0, 3)).toEqual([
      drawLine(600, 300, 740, 500, CLASS_1, 18, ' stroke-linecap="round"'),
      drawText(140, 318, 'x1', { size: MIN_TEXT_SIZE, fill: MUTED }),
      drawRect(
        { x: 320 - boxWidth / 2, y: 264, width: boxWidth, height: 72 },
        `rx="14" fill="#f6f8fa" stroke="${INK}" stroke-width="2"`,
      ),
    ]);
  });

  it('write a name above its box, cut to end 20 px before the synapses start', () => {
    const columns = { labelRight: 480, lineStart: 500, names: 'above' } as const;
    expect(
      drawSynapse(synapse('a very long name of an input', 0, 0), 300, place({ columns, left: 10 }))[1],
    ).toBe(
      drawFittedText(50, 244, 'a very long name of an input', 440, { size: MIN_TEXT_SIZE, fill: MUTED }),
    );
    // 446.16 px: a little too wide for the 440 px, so cut.
    const thirteen = 'a'.repeat(13);
    const name = drawSynapse(synapse(thirteen, 0, 0), 300, place({ columns }))[1];
    expect(name).toBe(drawFittedText(40, 244, thirteen, 440, { size: MIN_TEXT_SIZE, fill: MUTED }));
    expect(name).toContain('…');
  });

  it('group the rest as "+ k more" with their part of the sum, the line starting after it', () => {
    const rest = [synapse('a', 1, 2), synapse('b', 0.5, -1)];
    const labelX = 40 + estimateTextWidth('+ 2 more', MIN_TEXT_SIZE) + 24;
    const end = labelX + estimateTextWidth('Σ 1.50', MIN_TEXT_SIZE, true) + 20;
    const dashed = ' stroke-dasharray="12 8"';
    const columns = { labelRight: 580, lineStart: 600, names: 'beside' } as const;
    expect(drawGroup(rest, 300, labels, place({ left: 5, columns }))).toEqual([
      drawLine(605, 300, 740, 500, NEUTRAL, 4, dashed),
      drawText(45, 318, '+ 2 more', { size: MIN_TEXT_SIZE, fill: MUTED }),
      drawText(5 + labelX, 318, 'Σ 1.50', { size: MIN_TEXT_SIZE, weight: 'bold', fill: MUTED }),
    ]);
    const wordy = { ...labels, moreInputs: '+ 2 more inputs grouped together' };
    const wordyEnd = 40 + estimateTextWidth(wordy.moreInputs, MIN_TEXT_SIZE) + 24 + (end - labelX);
    expect(drawGroup(rest, 300, wordy, place())[0]).toBe(
      drawLine(wordyEnd, 300, 740, 500, NEUTRAL, 4, dashed),
    );
  });
});

describe('the neuron panel', () => {
  const modelOf = (weights: number[], bias?: number): ModelState => {
    const model = createModel({ ...DEFAULT_SETTINGS, bias: bias !== undefined }, weights.length);
    return { ...model, weights, ...(bias === undefined ? {} : { bias }) };
  };
  const inputOf = (model: ModelState, values: number[], names: string[] = []): PictureInput => ({
    model,
    rows: [],
    case: values,
    names: names.length > 0 ? names : model.weights.map((_, i) => `x${i + 1}`),
    labels,
    locale: 'en-US',
  });
  const box = { x: 0, y: 116, width: 1280, height: 800 };

  it('draws each synapse, the neuron and the formula of a small neuron', () => {
    // A long label of the sum: it starts 30 px right of where the synapses start.
    const input = {
      ...inputOf(modelOf([10.38, -0.21, -4.98]), [1, 1, 0]),
      labels: {
        ...labels,
        neuron: 'The neuron for the case 1 1 0 of the lesson, drawn through it',
        sum: 'weighted sum of the inputs',
      },
    };
    const synapses = [synapse('x1', 1, 10.38), synapse('x2', 1, -0.21), synapse('x3', 0, -4.98)];
    const columns = { labelRight: 480, lineStart: 500, names: 'beside' } as const;
    // Three rows spread over the neuron's 330 px, from 266 down; the neuron's centre at 431.
    const centre = { x: 740, y: 431 };
    const place = { centre, columns, maxWeight: 10.38, locale: 'en-US', left: 0 };
    const { sum, output } = predict(input.model, [1, 1, 0]);
    const formula = writeFormula(synapses, sum, 'en-US');
    expect(drawNeuronPanel(input, box)).toEqual([
      drawFittedText(40, 200, input.labels.neuron, 1200, { size: 60, weight: 'bold' }),
      ...drawSynapse(synapses[0] as Synapse, 321, place),
      ...drawSynapse(synapses[1] as Synapse, 431, place),
      ...drawSynapse(synapses[2] as Synapse, 541, place),
      ...drawNeuron(centre, { sum, output, room: { crowded: false, clearOf: 530 } }, input, 0),
      ...drawFormula(formula, 0, 660),
    ]);
    expect(measureNeuronPanel(input)).toBe(150 + 330 + formula.length * 68 + 40);
    expect(countGroupedInputs(input)).toBe(0);
    expect(listDrawnWeights(input)).toEqual([10.38, -0.21, -4.98]);
  });

  it('draws the bias as input b, a constant 1, and a neuron of no weight as the thinnest', () => {
    const input = inputOf(modelOf([0, 0], 0), [1, 0]);
    const parts = drawNeuronPanel({ ...input, model: { ...input.model, bias: 0 } }, box);
    expect(parts).toContain(
      drawText(40, 18 + 266 + 330 * (5 / 6), 'b', { size: MIN_TEXT_SIZE, fill: MUTED }),
    );
    const synapseLines = parts.filter((p) => p.includes('stroke-linecap="round"'));
    expect(synapseLines).toHaveLength(3);
    for (const line of synapseLines) expect(line).toContain('stroke-width="3"');
    expect(listDrawnWeights(input)).toEqual([0, 0, 0]);
  });

  it('groups all but the nine of largest |weight| into "+ k more", and writes no formula', () => {
    const weights = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 1 : -1) * (i + 1));
    const input = inputOf(modelOf(weights), Array(12).fill(1));
    const parts = drawNeuronPanel({ ...input, labels: { ...labels, moreInputs: '+ 3 more' } }, box);
    const names = parts.filter((p) => p.includes(`fill="${MUTED}">x`)).map((p) => />([^<]*)</.exec(p)?.[1]);
    expect(names).toEqual(['x4', 'x5', 'x6', 'x7', 'x8', 'x9', 'x10', 'x11', 'x12']);
    // Ten rows of 92 px from 266: the group in the last, the neuron at their middle.
    expect(parts).toContain(
      drawText(40, 266 + 9.5 * 92 + 18, '+ 3 more', { size: MIN_TEXT_SIZE, fill: MUTED }),
    );
    expect(parts.some((p) => p.includes('>Σ 2.00<'))).toBe(true);
    expect(parts).toContain(
      drawCircle(740, 266 + 460, 112, `fill="#ffffff" stroke="${INK}" stroke-width="4"`),
    );
    expect(parts.some((p) => p.includes('>Σ = '))).toBe(false);
    // Crowded: the label rises 82 px over the neuron.
    expect(
      parts.some((p) => p.includes(` y="${266 + 460 - 112 - 82}"`) && p.includes('>weighted sum<')),
    ).toBe(true);
    expect(measureNeuronPanel(input)).toBe(150 + 920 + 30);
    expect(countGroupedInputs(input)).toBe(3);
    expect(listDrawnWeights(input)).toEqual(weights.slice(3));
  });

  it('draws all of ten inputs, and the formula only up to four', () => {
    const ten = inputOf(modelOf(Array.from({ length: 10 }, (_, i) => i + 1)), Array(10).fill(0));
    expect(countGroupedInputs(ten)).toBe(0);
    expect(listDrawnWeights(ten)).toHaveLength(10);
    expect(drawNeuronPanel(ten, box).filter((p) => p.includes('stroke-linecap="round"'))).toHaveLength(10);
    expect(measureNeuronPanel(ten)).toBe(150 + 920 + 30);
    const five = inputOf(modelOf([1, 1, 1, 1, 1]), [0, 0, 0, 0, 0]);
    expect(measureNeuronPanel(five)).toBe(150 + 5 * 92 + 30);
    const four = inputOf(modelOf([1, 1, 1, 1]), [0, 0, 0, 0]);
    const lines = writeFormula(
      [1, 2, 3, 4].map((i) => synapse(`x${i}`, 0, 1)),
      0,
      'en-US',
    ).length;
    expect(measureNeuronPanel(four)).toBe(150 + 368 + lines * 68 + 40);
    expect(drawNeuronPanel(four, box).some((p) => p.includes('>Σ = 0·1.00'))).toBe(true);
    // Four rows: not crowded, the label 42 px over the neuron.
    expect(drawNeuronPanel(four, box).some((p) => p.includes(` y="${266 + 184 - 112 - 42}"`))).toBe(true);
  });

  it('puts long names above their boxes: seven rows at most, 160 px each', () => {
    const names = Array.from({ length: 8 }, (_, i) => `temperature ${i + 1}`);
    const input = inputOf(modelOf([8, 7, 6, 5, 4, 3, 2, 1]), Array(8).fill(0), names);
    expect(countGroupedInputs(input)).toBe(2);
    expect(listDrawnWeights(input)).toEqual([8, 7, 6, 5, 4, 3]);
    expect(measureNeuronPanel(input)).toBe(150 + 7 * 160 + 30);
    const parts = drawNeuronPanel(input, box);
    // The first row's middle 80 px down, its box 30 px lower, its name 56 px over the box's middle.
    expect(parts).toContain(
      drawFittedText(40, 266 + 80 + 30 - 56, 'temperature 1', 440, { size: MIN_TEXT_SIZE, fill: MUTED }),
    );
    expect(parts).toContain(
      drawText(40, 266 + 6.5 * 160 + 18, '+ 2 more', { size: MIN_TEXT_SIZE, fill: MUTED }),
    );
  });

  it('names an input without a name x1 … xn', () => {
    const input = { ...inputOf(modelOf([1, -1]), [1, 0]), names: ['a'] };
    const parts = drawNeuronPanel(input, box);
    expect(parts).toContain(drawText(40, 266 + 247.5 + 18, 'x2', { size: MIN_TEXT_SIZE, fill: MUTED }));
    expect(parts.some((p) => p.includes('>Σ = 1·1.00 + 0·(−1.00) = 1.00<'))).toBe(true);
  });
});
