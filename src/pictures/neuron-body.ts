import { formatDecimal, formatOutput, formatWeight } from './number-text.js';
import { CLASS_0, CLASS_1, colourOfOutput } from './palette.js';
import type { PictureLabels } from './picture-types.js';
import { drawCircle, drawLine, drawRect, drawText, INK, MUTED } from './svg.js';

const NEURON_RADIUS = 95;

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

/** The neuron with the weighted sum, the arrow through the activation, and the output. */
export function drawNeuron(
  centre: Point,
  sum: number,
  output: number,
  { labels, locale }: { labels: PictureLabels; locale: string },
  left: number,
) {
  const outX = left + 1130;
  const outColour = output >= 0.5 ? CLASS_1 : CLASS_0;
  return [
    drawCircle(centre.x, centre.y, NEURON_RADIUS, `fill="#ffffff" stroke="${INK}" stroke-width="4"`),
    drawText(centre.x, centre.y - 14, 'Σ', { size: 48, anchor: 'middle', weight: 'bold' }),
    drawText(centre.x, centre.y + 40, formatWeight(sum, locale), { size: 34, anchor: 'middle' }),
    drawText(centre.x, centre.y - NEURON_RADIUS - 18, labels.sum, {
      size: 30,
      anchor: 'middle',
      fill: MUTED,
    }),
    drawLine(centre.x + NEURON_RADIUS, centre.y, outX - 100, centre.y, INK, 4),
    `<path d="M${outX - 100} ${centre.y - 14} L${outX - 76} ${centre.y} L${outX - 100} ${centre.y + 14} Z" fill="${INK}"/>`,
    drawText((centre.x + NEURON_RADIUS + outX - 76) / 2, centre.y - 22, labels.activation, {
      size: 30,
      anchor: 'middle',
      fill: MUTED,
    }),
    drawRect(
      { x: outX - 76, y: centre.y - 40, width: 196, height: 80 },
      `rx="18" fill="${colourOfOutput(output)}" stroke="${outColour}" stroke-width="4"`,
    ),
    drawText(outX + 22, centre.y + 13, formatOutput(output, locale), {
      size: 36,
      anchor: 'middle',
      weight: 'bold',
    }),
    drawText(outX + 22, centre.y - 58, labels.output, { size: 30, anchor: 'middle', fill: MUTED }),
  ];
}

/** The weighted sum with the numbers put in, for a neuron small enough to write it on one line. */
export function drawFormula(
  synapses: Synapse[],
  sum: number,
  locale: string,
  left: number,
  y: number,
): string {
  const term = (s: Synapse) => {
    const weight = formatWeight(s.weight, locale);
    return `${formatDecimal(s.value, locale)}·${weight.startsWith('−') ? `(${weight})` : weight}`;
  };
  const text = `Σ = ${synapses.map(term).join(' + ')} = ${formatWeight(sum, locale)}`;
  return drawText(left + 40, y, text, { size: 34 });
}
