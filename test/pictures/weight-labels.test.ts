import { describe, expect, it } from 'vitest';
import { describePicture } from '../../src/bot/render/picture-input.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { drawPicture } from '../../src/pictures/picture.js';
import { createPictureCases } from '../helpers/picture-cases.js';
import { type Placed, placeTexts } from './place-texts.js';

const i18n = createI18n('en');

interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
}

/** The neuron's synapses: the lines that end at the centre of its circle, the grouped one too. */
function findSynapses(svg: string): Segment[] {
  const [, cx, cy] = svg.match(/<circle cx="([\d.]+)" cy="([\d.]+)" r="112"/) ?? [];
  const lines = [...svg.matchAll(/<line ([^>]*)\/>/g)].map(([, attributes = '']) => {
    const read = (name: string) => Number(attributes.match(new RegExp(`${name}="([\\d.]+)"`))?.[1]);
    return { x1: read('x1'), y1: read('y1'), x2: read('x2'), y2: read('y2'), width: read('stroke-width') };
  });
  return lines.filter((line) => line.x2 === Number(cx) && line.y2 === Number(cy));
}

/** The bold numbers of the neuron panel: each synapse's weight and the grouped synapses' "Σ −10.07". */
const findWeightLabels = (texts: Placed[]) =>
  texts.filter((t) => t.element.includes('font-weight="bold"') && /^(Σ )?−?\d+[.,]\d\d$/.test(t.text));

/** Whether the stroke of `line` (as a band of its width) meets `box`: the segment clipped to the box grown by half that width. */
function crosses(line: Segment, { x, y, width, height }: Placed['box']): boolean {
  const half = line.width / 2;
  const dx = line.x2 - line.x1;
  const dy = line.y2 - line.y1;
  let enter = 0;
  let leave = 1;
  const sides: [number, number][] = [
    [-dx, line.x1 - (x - half)],
    [dx, x + width + half - line.x1],
    [-dy, line.y1 - (y - half)],
    [dy, y + height + half - line.y1],
  ];
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q < 0) return false;
    } else if (p < 0) enter = Math.max(enter, q / p);
    else leave = Math.min(leave, q / p);
  }
  return enter <= leave;
}

const pictures = (['en', 'ru'] as const).flatMap((language) =>
  createPictureCases().map((c) => {
    const input = describePicture(i18n.translatorFor(language), language, c);
    return { name: `${c.name}-${language}`, svg: drawPicture(input), sumLabel: input.labels.sum };
  }),
);

describe.each(pictures)('$name', ({ svg, sumLabel }) => {
  it('draws no synapse under or through a weight label', () => {
    const synapses = findSynapses(svg);
    const texts = placeTexts(svg).texts;
    const labels = findWeightLabels(texts);
    expect(synapses.length).toBeGreaterThan(0);
    expect(labels.length).toBeGreaterThanOrEqual(synapses.length);
    const crossed = labels.flatMap((label) =>
      synapses
        .filter((line) => crosses(line, label.box))
        .map((line) => `${label.text} / line from ${line.x1},${line.y1}`),
    );
    expect(crossed).toEqual([]);
  });

  it("draws no synapse under or through the neuron's own label", () => {
    const label = placeTexts(svg).texts.find((t) => t.text === sumLabel) as Placed;
    expect(label).toBeDefined();
    const crossed = findSynapses(svg).filter((line) => crosses(line, label.box));
    expect(crossed).toEqual([]);
  });
});
