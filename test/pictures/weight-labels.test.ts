import { describe, expect, it } from 'vitest';
import { describePicture } from '../../src/bot/kit/render/picture-input.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { drawPicture } from '../../src/pictures/picture.js';
import { createPictureCases } from '../helpers/picture-cases.js';
import { type Placed, placeTexts } from './place-texts.js';
import { crosses, findSynapses } from './synapse-lines.js';

const i18n = createI18n('en');

/** The bold numbers of the neuron panel: each synapse's weight and the grouped synapses' "Σ −10.07". */
const findWeightLabels = (texts: Placed[]) =>
  texts.filter((t) => t.element.includes('font-weight="bold"') && /^(Σ )?−?\d+[.,]\d\d$/.test(t.text));

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
