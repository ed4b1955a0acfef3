import { predict } from '../core/predict.js';
import { drawFormula, drawNeuron, FORMULA_LINE, type Synapse, writeFormula } from './neuron-body.js';
import type { PictureInput } from './picture-types.js';
import { type Box, drawFittedText, TITLE_SIZE } from './svg.js';
import { drawGroup, drawSynapse, placeColumns } from './synapse-rows.js';

/** Synapses drawn one by one; beyond this the smallest are grouped into one "+ k more". */
export const MAX_SYNAPSES = 10;
const ROW_HEIGHT = 92;
const TOP = 150;
/** Room the neuron itself needs, with its label above and the output's below. */
const NEURON_HEIGHT = 330;
const FORMULA_LIMIT = 4;
const NEURON_X = 740;

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
  const columns = placeColumns(shown, locale);
  const place = { centre, columns, maxWeight, locale, left: box.x };
  shown.forEach((synapse, i) => {
    parts.push(...drawSynapse(synapse, top + (i + 0.5) * step, place));
  });
  if (grouped > 0) {
    const rest = synapses.filter((s) => !shown.includes(s));
    parts.push(...drawGroup(rest, top + (lines - 0.5) * step, input.labels, place));
  }
  const { sum, output } = predict(model, input.case);
  // 30 px on from where the synapses start, the top one's stroke has dropped below the label.
  const room = { crowded: lines > FORMULA_LIMIT, clearOf: box.x + columns.lineStart + 30 };
  parts.push(...drawNeuron(centre, { sum, output, room }, input, box.x));
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
