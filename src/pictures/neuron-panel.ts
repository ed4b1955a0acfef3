import { predict } from '../core/predict.js';
import { drawFormula, drawNeuron, type Point, type Synapse } from './neuron-body.js';
import { formatDecimal, formatWeight } from './number-text.js';
import { colourOfWeight, NEUTRAL } from './palette.js';
import type { PictureInput } from './picture-types.js';
import { type Box, drawLine, drawRect, drawText, estimateTextWidth, INK, MUTED } from './svg.js';

/** Synapses drawn one by one; beyond this the smallest are grouped into one "+ k more". */
export const MAX_SYNAPSES = 10;
const ROW_HEIGHT = 84;
const TOP = 100;
const FORMULA_LIMIT = 4;
const INPUT_X = 190;
const LABEL_X = 340;

/** How many synapses the neuron picture groups as "+ k more" (0 when all are drawn). */
export function countGroupedInputs(inputs: number, bias: boolean): number {
  const total = inputs + (bias ? 1 : 0);
  return total > MAX_SYNAPSES ? total - (MAX_SYNAPSES - 1) : 0;
}

/** Height the neuron panel needs for this model. */
export function measureNeuronPanel(inputs: number, bias: boolean): number {
  const total = inputs + (bias ? 1 : 0);
  const lines = Math.min(total, MAX_SYNAPSES);
  return Math.max(440, TOP + lines * ROW_HEIGHT + (total <= FORMULA_LIMIT ? 90 : 30));
}

/** The neuron drawn like the lesson's picture, with one case flowing through it. */
export function drawNeuronPanel(input: PictureInput, box: Box): string[] {
  const { model, locale } = input;
  const synapses = listSynapses(input);
  const grouped = countGroupedInputs(model.inputs, model.bias !== undefined);
  const shown = grouped > 0 ? keepLargest(synapses, MAX_SYNAPSES - 1) : synapses;
  const lines = shown.length + (grouped > 0 ? 1 : 0);
  const top = box.y + TOP;
  const centre = { x: box.x + 740, y: top + (lines * ROW_HEIGHT) / 2 };
  const maxWeight = Math.max(1e-12, ...synapses.map((s) => Math.abs(s.weight)));
  const parts = [drawText(box.x + 40, box.y + 58, input.labels.neuron, { size: 40, weight: 'bold' })];
  shown.forEach((synapse, i) => {
    parts.push(...drawSynapse(synapse, top + (i + 0.5) * ROW_HEIGHT, centre, maxWeight, locale, box.x));
  });
  if (grouped > 0) {
    const rest = synapses.filter((s) => !shown.includes(s));
    const y = top + (lines - 0.5) * ROW_HEIGHT;
    parts.push(...drawGroup(input, rest, y, centre, box.x));
  }
  const { sum, output } = predict(model, input.case);
  parts.push(...drawNeuron(centre, sum, output, input, box.x));
  if (synapses.length <= FORMULA_LIMIT) {
    parts.push(drawFormula(synapses, sum, locale, box.x, top + lines * ROW_HEIGHT + 60));
  }
  return parts;
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
  const boxWidth = Math.max(90, estimateTextWidth(value, 32) + 30);
  return [
    drawLine(left + INPUT_X, y, centre.x, centre.y, colour, width, ' stroke-linecap="round"'),
    drawText(left + 40, y + 12, s.name, { size: 34, fill: MUTED }),
    drawRect(
      { x: left + INPUT_X - boxWidth / 2, y: y - 30, width: boxWidth, height: 60 },
      `rx="14" fill="#f6f8fa" stroke="${INK}" stroke-width="2"`,
    ),
    drawText(left + INPUT_X, y + 11, value, { size: 32, anchor: 'middle' }),
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
  const width = estimateTextWidth(text, 32) + 20;
  return [
    drawRect({ x: x - width / 2, y: y - 24, width, height: 46 }, 'rx="8" fill="#ffffff" fill-opacity="0.9"'),
    drawText(x, y + 11, text, { size: 32, anchor: 'middle', weight: 'bold', fill: colour }),
  ];
}

function drawGroup(
  { locale, labels }: PictureInput,
  rest: Synapse[],
  y: number,
  centre: Point,
  left: number,
) {
  const contribution = rest.reduce((total, s) => total + s.value * s.weight, 0);
  return [
    drawLine(left + INPUT_X + 60, y, centre.x, centre.y, NEUTRAL, 4, ' stroke-dasharray="12 8"'),
    drawText(left + 40, y + 12, labels.moreInputs, { size: 32, fill: MUTED }),
    ...drawLabel(
      left + LABEL_X,
      lineY(y, centre, left + LABEL_X, left),
      `Σ ${formatWeight(contribution, locale)}`,
      MUTED,
    ),
  ];
}
