import { predict } from '../core/predict.js';
import { drawFormula, drawNeuron, FORMULA_LINE, type Synapse, writeFormula } from './neuron-body.js';
import type { PictureInput } from './picture-types.js';
import { type Box, drawFittedText, TITLE_SIZE } from './svg.js';
import { chooseNameLayout, drawGroup, drawSynapse, type NameLayout, placeColumns } from './synapse-rows.js';

/**
 * Each layout's rows: how many are drawn at most (beyond that the synapses of smallest |weight| are
 * grouped into one "+ k more"), how tall each is, and how far below the row's middle its box sits. Rows
 * with the names above are taller, so fewer of them keep the panel about as tall.
 */
const ROWS: Readonly<Record<NameLayout, { max: number; height: number; drop: number }>> = {
  beside: { max: 10, height: 92, drop: 0 },
  above: { max: 7, height: 160, drop: 30 },
};
const TOP = 150;
/** Room the neuron itself needs, with its label above and the output's below. */
const NEURON_HEIGHT = 330;
const FORMULA_LIMIT = 4;
const NEURON_X = 740;

/** What the neuron's rows are made of: the weights, the case drawn, the inputs' names. */
export type SynapseSource = Pick<PictureInput, 'model' | 'case' | 'names' | 'locale'>;

/** How many synapses the neuron picture groups as "+ k more" (0 when all are drawn). */
export function countGroupedInputs(source: SynapseSource): number {
  const synapses = listSynapses(source);
  return countGrouped(synapses, ROWS[chooseNameLayout(synapses, source.locale)].max);
}

/** The weights drawn each on its own synapse (the bias last, if any); the grouped ones are left out. */
export function listDrawnWeights(source: SynapseSource): number[] {
  const synapses = listSynapses(source);
  const max = ROWS[chooseNameLayout(synapses, source.locale)].max;
  const shown = countGrouped(synapses, max) > 0 ? keepLargest(synapses, max - 1) : synapses;
  return shown.map((s) => s.weight);
}

/** Of these synapses, those grouped into "+ k more" when at most `max` rows are drawn. */
const countGrouped = (synapses: Synapse[], max: number): number =>
  synapses.length > max ? synapses.length - (max - 1) : 0;

/** Height the neuron panel needs for this picture. */
export function measureNeuronPanel(input: PictureInput): number {
  const synapses = listSynapses(input);
  const rows = ROWS[chooseNameLayout(synapses, input.locale)];
  const lines = Math.min(synapses.length, rows.max);
  const formula = writeFormulaOf(input, synapses).length;
  return (
    TOP + Math.max(NEURON_HEIGHT, lines * rows.height) + (formula > 0 ? formula * FORMULA_LINE + 40 : 30)
  );
}

/** The neuron drawn like the lesson's picture, with one case flowing through it. */
export function drawNeuronPanel(input: PictureInput, box: Box): string[] {
  const { model, locale } = input;
  const synapses = listSynapses(input);
  const layout = chooseNameLayout(synapses, locale);
  const rows = ROWS[layout];
  const grouped = countGrouped(synapses, rows.max);
  const shown = grouped > 0 ? keepLargest(synapses, rows.max - 1) : synapses;
  const lines = shown.length + (grouped > 0 ? 1 : 0);
  const top = box.y + TOP;
  const rowsHeight = Math.max(NEURON_HEIGHT, lines * rows.height);
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
  const columns = placeColumns(shown, locale, layout);
  const place = { centre, columns, maxWeight, locale, left: box.x };
  shown.forEach((synapse, i) => {
    parts.push(...drawSynapse(synapse, top + (i + 0.5) * step + rows.drop, place));
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

function listSynapses({ model, case: values, names }: SynapseSource): Synapse[] {
  const synapses = model.weights.map((weight, i) => ({
    name: names[i] ?? `x${i + 1}`,
    value: values[i] ?? 0,
    weight,
  }));
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
