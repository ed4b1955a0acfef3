import { predict } from '../core/predict.js';
import {
  drawFormula,
  drawNeuron,
  FORMULA_LINE,
  type Point,
  type Synapse,
  writeFormula,
} from './neuron-body.js';
import { formatDecimal, formatWeight } from './number-text.js';
import { colourOfWeight, NEUTRAL } from './palette.js';
import type { PictureInput } from './picture-types.js';
import {
  type Box,
  drawFittedText,
  drawLine,
  drawRect,
  drawText,
  estimateTextWidth,
  INK,
  MIN_TEXT_SIZE,
  MUTED,
  TITLE_SIZE,
} from './svg.js';

/** Synapses drawn one by one; beyond this the smallest are grouped into one "+ k more". */
export const MAX_SYNAPSES = 10;
const ROW_HEIGHT = 92;
const TOP = 150;
/** Room the neuron itself needs, with its label above and the output's below. */
const NEURON_HEIGHT = 330;
const FORMULA_LIMIT = 4;
const INPUT_X = 220;
const LABEL_X = 378;
const NEURON_X = 700;

/** How many synapses the neuron picture groups as "+ k more" (0 when all are drawn). */
export function countGroupedInputs(inputs: number, bias: boolean): number {
  const total = inputs + (bias ? 1 : 0);
  return total > MAX_SYNAPSES ? total - (MAX_SYNAPSES - 1) : 0;
}

/** Height the neuron panel needs for this picture. */
export function measureNeuronPanel(input: PictureInput): number {
  const synapses = listSynapses(input);
  const lines = Math.min(synapses.length, MAX_SYNAPSES);
  const formula = writeFormulaOf(input, synapses).length;
  return TOP + Math.max(NEURON_HEIGHT, lines * ROW_HEIGHT) + (formula > 0 ? formula * FORMULA_LINE + 40 : 30);
}

/** The neuron drawn like the lesson's picture, with one case flowing through it. */
export function drawNeuronPanel(input: PictureInput, box: Box): string[] {
  const { model, locale } = input;
  const synapses = listSynapses(input);
  const grouped = countGroupedInputs(model.inputs, model.bias !== undefined);
  const shown = grouped > 0 ? keepLargest(synapses, MAX_SYNAPSES - 1) : synapses;
  const lines = shown.length + (grouped > 0 ? 1 : 0);
  const top = box.y + TOP;
  const rowsHeight = Math.max(NEURON_HEIGHT, lines * ROW_HEIGHT);
  const centre = { x: box.x + NEURON_X, y: top + rowsHeight / 2 };
  // A few inputs spread over the neuron's height, so that their synapses part.
  const step = rowsHeight / lines;
  const maxWeight = Math.max(1e-12, ...synapses.map((s) => Math.abs(s.weight)));
  const parts = [
    drawFittedText(box.x + 40, box.y + 84, input.labels.neuron, box.width - 80, {
      size: TITLE_SIZE,
      weight: 'bold',
    }),
  ];
  shown.forEach((synapse, i) => {
    parts.push(...drawSynapse(synapse, top + (i + 0.5) * step, centre, maxWeight, locale, box.x));
  });
  if (grouped > 0) {
    const rest = synapses.filter((s) => !shown.includes(s));
    const y = top + (lines - 0.5) * step;
    parts.push(...drawGroup(input, rest, y, centre, box.x));
  }
  const { sum, output } = predict(model, input.case);
  parts.push(...drawNeuron(centre, { sum, output, crowded: lines > FORMULA_LIMIT }, input, box.x));
  parts.push(...drawFormula(writeFormulaOf(input, synapses), box.x, top + rowsHeight + 64));
  return parts;
}

/** The weighted sum written out, for a neuron small enough; none for a larger one. */
function writeFormulaOf(input: PictureInput, synapses: Synapse[]): string[] {
  if (synapses.length > FORMULA_LIMIT) return [];
  return writeFormula(synapses, predict(input.model, input.case).sum, input.locale);
}

function listSynapses({ model, case: values }: PictureInput): Synapse[] {
  const synapses = model.weights.map((weight, i) => ({ name: `x${i + 1}`, value: values[i] ?? 0, weight }));
  if (model.bias !== undefined) synapses.push({ name: 'b', value: 1, weight: model.bias });
  return synapses;
}

/** The `count` synapses of largest |weight|, in their own order. */
function keepLargest(synapses: Synapse[], count: number): Synapse[] {
  const largest = new Set(
    [...synapses].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, count),
  );
  return synapses.filter((s) => largest.has(s));
}

/** Where the synapse from the input at height `y` passes `x` on its way to the neuron. */
const lineY = (y: number, centre: Point, x: number, left: number): number =>
  y + ((centre.y - y) * (x - left - INPUT_X - 60)) / (centre.x - left - INPUT_X - 60);

function drawSynapse(s: Synapse, y: number, centre: Point, maxWeight: number, locale: string, left: number) {
  const width = 3 + 15 * (Math.abs(s.weight) / maxWeight);
  const colour = colourOfWeight(s.weight);
  const value = formatDecimal(s.value, locale);
  const boxWidth = Math.max(100, estimateTextWidth(value, MIN_TEXT_SIZE) + 34);
  return [
    drawLine(left + INPUT_X, y, centre.x, centre.y, colour, width, ' stroke-linecap="round"'),
    drawText(left + 40, y + 18, s.name, { size: MIN_TEXT_SIZE, fill: MUTED }),
    drawRect(
      { x: left + INPUT_X - boxWidth / 2, y: y - 36, width: boxWidth, height: 72 },
      `rx="14" fill="#f6f8fa" stroke="${INK}" stroke-width="2"`,
    ),
    drawText(left + INPUT_X, y + 18, value, { size: MIN_TEXT_SIZE, anchor: 'middle' }),
    ...drawLabel(
      left + LABEL_X,
      lineY(y, centre, left + LABEL_X, left),
      formatWeight(s.weight, locale),
      colour,
    ),
  ];
}

/** A weight's number on a white patch, so that crossing synapses do not hide it. */
function drawLabel(x: number, y: number, text: string, colour: string): string[] {
  const width = estimateTextWidth(text, MIN_TEXT_SIZE, true) + 16;
  return [
    drawRect({ x: x - width / 2, y: y - 30, width, height: 58 }, 'rx="8" fill="#ffffff" fill-opacity="0.9"'),
    drawText(x, y + 19, text, { size: MIN_TEXT_SIZE, anchor: 'middle', weight: 'bold', fill: colour }),
  ];
}

/** The grouped synapses: their count, their part of the sum beside it, and one dashed line on. */
function drawGroup(
  { locale, labels }: PictureInput,
  rest: Synapse[],
  y: number,
  centre: Point,
  left: number,
) {
  const contribution = `Σ ${formatWeight(
    rest.reduce((total, s) => total + s.value * s.weight, 0),
    locale,
  )}`;
  const labelX = 40 + estimateTextWidth(labels.moreInputs, MIN_TEXT_SIZE) + 24;
  const end = labelX + estimateTextWidth(contribution, MIN_TEXT_SIZE, true) + 16;
  return [
    drawLine(left + end, y, centre.x, centre.y, NEUTRAL, 4, ' stroke-dasharray="12 8"'),
    drawText(left + 40, y + 18, labels.moreInputs, { size: MIN_TEXT_SIZE, fill: MUTED }),
    drawText(left + labelX, y + 18, contribution, { size: MIN_TEXT_SIZE, weight: 'bold', fill: MUTED }),
  ];
}
