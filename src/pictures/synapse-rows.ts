import type { Point, Synapse } from './neuron-body.js';
import { formatDecimal, formatWeight } from './number-text.js';
import { colourOfWeight, NEUTRAL } from './palette.js';
import type { PictureLabels } from './picture-types.js';
import {
  drawFittedText,
  drawLine,
  drawRect,
  drawText,
  estimateTextWidth,
  INK,
  MIN_TEXT_SIZE,
  MUTED,
} from './svg.js';

const NAME_X = 40;
const INPUT_X = 220;
const GAP = 20;
/** The weights' column ends here at the least, so that most pictures line their synapses up alike. */
const MIN_LABEL_RIGHT = 480;
/** With the names above their boxes: how far a name's baseline sits over its box's middle. */
const NAME_RISE = 56;
/** Least room between a name and its box, as estimated (on the safe side) for the names to go beside. */
const NAME_GAP = 10;

/**
 * Where the inputs' names go: `beside` their boxes, one line a row, when every name fits there; else
 * each `above` its box, on a line of its own that runs on to where the synapses start.
 */
export type NameLayout = 'beside' | 'above';

/**
 * The columns of the synapses' rows, from the panel's left: the weights' labels end at `labelRight`,
 * right-aligned after the widest input box, and the synapses start after them, at `lineStart`; so no
 * synapse passes under a label.
 */
export interface SynapseColumns {
  labelRight: number;
  lineStart: number;
  names: NameLayout;
}

const boxWidthOf = (s: Synapse, locale: string) =>
  Math.max(100, estimateTextWidth(formatDecimal(s.value, locale), MIN_TEXT_SIZE) + 34);

/** Beside the boxes when every synapse's name ends a little before its own box; above them otherwise. */
export function chooseNameLayout(synapses: Synapse[], locale: string): NameLayout {
  const fits = (s: Synapse) =>
    NAME_X + estimateTextWidth(s.name, MIN_TEXT_SIZE) + NAME_GAP <= INPUT_X - boxWidthOf(s, locale) / 2;
  return synapses.every(fits) ? 'beside' : 'above';
}

/** The columns that fit these synapses' values and weights, the names placed as `names` says. */
export function placeColumns(synapses: Synapse[], locale: string, names: NameLayout): SynapseColumns {
  const boxRight = Math.max(0, ...synapses.map((s) => INPUT_X + boxWidthOf(s, locale) / 2));
  const label = Math.max(
    0,
    ...synapses.map((s) => estimateTextWidth(formatWeight(s.weight, locale), MIN_TEXT_SIZE, true)),
  );
  const labelRight = Math.max(MIN_LABEL_RIGHT, boxRight + GAP + label);
  return { labelRight, lineStart: labelRight + GAP, names };
}

/**
 * One input's row: its name, its value in a box, its weight, and its synapse on to the neuron. `y` is
 * the box's middle, where the synapse starts.
 */
export function drawSynapse(
  s: Synapse,
  y: number,
  { centre, columns, maxWeight, locale, left }: RowPlace,
): string[] {
  const width = 3 + 15 * (Math.abs(s.weight) / maxWeight);
  const colour = colourOfWeight(s.weight);
  const boxWidth = boxWidthOf(s, locale);
  return [
    drawLine(left + columns.lineStart, y, centre.x, centre.y, colour, width, ' stroke-linecap="round"'),
    drawName(s.name, y, columns, left),
    drawRect(
      { x: left + INPUT_X - boxWidth / 2, y: y - 36, width: boxWidth, height: 72 },
      `rx="14" fill="#f6f8fa" stroke="${INK}" stroke-width="2"`,
    ),
    drawText(left + INPUT_X, y + 18, formatDecimal(s.value, locale), {
      size: MIN_TEXT_SIZE,
      anchor: 'middle',
    }),
    drawText(left + columns.labelRight, y + 18, formatWeight(s.weight, locale), {
      size: MIN_TEXT_SIZE,
      anchor: 'end',
      weight: 'bold',
      fill: colour,
    }),
  ];
}

/** Beside the box, or above it cut with "…" a gap before the synapses start, if even that is too short. */
function drawName(name: string, y: number, columns: SynapseColumns, left: number): string {
  const style = { size: MIN_TEXT_SIZE, fill: MUTED };
  if (columns.names === 'beside') return drawText(left + NAME_X, y + 18, name, style);
  return drawFittedText(left + NAME_X, y - NAME_RISE, name, columns.lineStart - GAP - NAME_X, style);
}

/** Where a row's pieces go: the neuron's centre, the columns, the largest |weight|, the panel's left. */
export interface RowPlace {
  centre: Point;
  columns: SynapseColumns;
  maxWeight: number;
  locale: string;
  left: number;
}

/** The grouped synapses: their count, their part of the sum beside it, and one dashed line on. */
export function drawGroup(
  rest: Synapse[],
  y: number,
  labels: PictureLabels,
  { centre, columns, locale, left }: RowPlace,
) {
  const contribution = `Σ ${formatWeight(
    rest.reduce((total, s) => total + s.value * s.weight, 0),
    locale,
  )}`;
  const labelX = NAME_X + estimateTextWidth(labels.moreInputs, MIN_TEXT_SIZE) + 24;
  const end = labelX + estimateTextWidth(contribution, MIN_TEXT_SIZE, true) + GAP;
  return [
    drawLine(
      left + Math.max(end, columns.lineStart),
      y,
      centre.x,
      centre.y,
      NEUTRAL,
      4,
      ' stroke-dasharray="12 8"',
    ),
    drawText(left + NAME_X, y + 18, labels.moreInputs, { size: MIN_TEXT_SIZE, fill: MUTED }),
    drawText(left + labelX, y + 18, contribution, { size: MIN_TEXT_SIZE, weight: 'bold', fill: MUTED }),
  ];
}
