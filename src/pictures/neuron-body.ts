import { formatDecimal, formatFitting, formatOutput, formatWeight } from './number-text.js';
import { CLASS_0, CLASS_1, colourOfOutput } from './palette.js';
import type { PictureLabels } from './picture-types.js';
import {
  drawCircle,
  drawLine,
  drawRect,
  drawText,
  estimateTextWidth,
  INK,
  MIN_TEXT_SIZE,
  MUTED,
  TITLE_SIZE,
} from './svg.js';

const NEURON_RADIUS = 112;
/** Baselines of the Σ and of the sum under it, from the neuron's centre. */
const SIGMA_BASELINE = -34;
const SUM_BASELINE = 32;
/**
 * The widest the sum may be: the circle's chord where its digits end lowest (a comma hangs 6 px under the
 * baseline), 2 px inside the stroke.
 */
const SUM_ROOM = 2 * Math.sqrt((NEURON_RADIUS - 4) ** 2 - (SUM_BASELINE + 6) ** 2);
/** The output's box: its left edge from the panel's left, and its size. */
const OUTPUT = { x: 960, width: 280, height: 96 };
const FORMULA_WIDTH = 1200;
/** How high the neuron's label sits over the neuron: clear of the top synapse, and higher with many. */
const LABEL_RISE = { few: 42, crowded: 82 };
/** With many inputs the label starts this far left of the neuron's centre, right of the top synapses. */
const CROWDED_LABEL_START = 80;
/** Height of one line of the written-out weighted sum. */
export const FORMULA_LINE = 68;

/** One input's synapse: the input's name, its value in the case drawn, and its weight. */
export interface Synapse {
  name: string;
  value: number;
  weight: number;
}

export interface Point {
  x: number;
  y: number;
}

/** Where the neuron's label sits, and the synapses it must keep off: how they come in. */
export interface SumLabelRoom {
  /** Many inputs: the top synapses pass the neuron's upper left, so the label moves up and right of them. */
  crowded: boolean;
  /** With few, the label starts no further left than this, right of the synapses' ends and weights. */
  clearOf: number;
}

/** The neuron with the weighted sum, the arrow through the activation, and the output. */
export function drawNeuron(
  centre: Point,
  { sum, output, room }: { sum: number; output: number; room: SumLabelRoom },
  { labels, locale }: { labels: PictureLabels; locale: string },
  left: number,
) {
  const box = { ...OUTPUT, x: left + OUTPUT.x, y: centre.y - OUTPUT.height / 2 };
  const outColour = output >= 0.5 ? CLASS_1 : CLASS_0;
  const label = { size: MIN_TEXT_SIZE, anchor: 'middle', fill: MUTED } as const;
  const sumLabel = placeSumLabel(centre, estimateTextWidth(labels.sum, MIN_TEXT_SIZE), room);
  return [
    drawCircle(centre.x, centre.y, NEURON_RADIUS, `fill="#ffffff" stroke="${INK}" stroke-width="4"`),
    drawText(centre.x, centre.y + SIGMA_BASELINE, 'Σ', {
      size: TITLE_SIZE,
      anchor: 'middle',
      weight: 'bold',
    }),
    drawText(centre.x, centre.y + SUM_BASELINE, formatSumInside(sum, locale), {
      size: MIN_TEXT_SIZE,
      anchor: 'middle',
    }),
    drawText(sumLabel.x, sumLabel.y, labels.sum, label),
    drawLine(centre.x + NEURON_RADIUS, centre.y, box.x - 24, centre.y, INK, 4),
    `<path d="M${box.x - 26} ${centre.y - 16} L${box.x} ${centre.y} L${box.x - 26} ${centre.y + 16} Z" fill="${INK}"/>`,
    // Above the output it reads "sigmoid: 0.99996"; over the short arrow it would touch the neuron.
    drawText(box.x + box.width / 2, box.y - 22, labels.activation, label),
    drawRect(box, `rx="18" fill="${colourOfOutput(output)}" stroke="${outColour}" stroke-width="4"`),
    drawText(box.x + box.width / 2, centre.y + 19, formatOutput(output, locale), {
      size: MIN_TEXT_SIZE,
      anchor: 'middle',
      weight: 'bold',
    }),
    drawText(box.x + box.width / 2, centre.y + OUTPUT.height / 2 + 60, labels.output, label),
  ];
}

/** The sum with as many digits as fit inside the circle: −314.65 reads −314.7 there. */
const formatSumInside = (sum: number, locale: string): string =>
  formatFitting(sum, locale, (text) => estimateTextWidth(text, MIN_TEXT_SIZE) <= SUM_ROOM);

/** The label's middle: over the neuron if that keeps it off the synapses, else right of them. */
function placeSumLabel(centre: Point, width: number, { crowded, clearOf }: SumLabelRoom): Point {
  const start = crowded ? Math.max(clearOf, centre.x - CROWDED_LABEL_START) : clearOf;
  return {
    x: Math.max(centre.x, start + width / 2),
    y: centre.y - NEURON_RADIUS - (crowded ? LABEL_RISE.crowded : LABEL_RISE.few),
  };
}

/** The weighted sum with the numbers put in, broken into lines that fit the picture's width. */
export function writeFormula(synapses: Synapse[], sum: number, locale: string): string[] {
  const term = (s: Synapse) => {
    const weight = formatWeight(s.weight, locale);
    return `${formatDecimal(s.value, locale)}·${weight.startsWith('−') ? `(${weight})` : weight}`;
  };
  const pieces = [
    `Σ = ${synapses[0] ? term(synapses[0]) : '0'}`,
    ...synapses.slice(1).map((s) => `+ ${term(s)}`),
    `= ${formatWeight(sum, locale)}`,
  ];
  const lines: string[] = [];
  for (const piece of pieces) {
    const last = lines.at(-1);
    if (last !== undefined && estimateTextWidth(`${last} ${piece}`, MIN_TEXT_SIZE) <= FORMULA_WIDTH)
      lines[lines.length - 1] = `${last} ${piece}`;
    else lines.push(piece);
  }
  return lines;
}

/** The formula's lines, the first with its baseline at `y`. */
export function drawFormula(lines: string[], left: number, y: number): string[] {
  return lines.map((line, i) => drawText(left + 40, y + i * FORMULA_LINE, line, { size: MIN_TEXT_SIZE }));
}
