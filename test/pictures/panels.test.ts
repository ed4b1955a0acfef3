import { describe, expect, it } from 'vitest';
import { describePicture } from '../../src/bot/kit/render/picture-input.js';
import { findExample } from '../../src/core/examples.js';
import { createModel } from '../../src/core/model.js';
import { trainModel } from '../../src/core/train.js';
import { DEFAULT_SETTINGS, type Row } from '../../src/core/types.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { CLASS_0, CLASS_1, colourOfOutput, WRONG } from '../../src/pictures/palette.js';
import { drawPicture } from '../../src/pictures/picture.js';
import type { PictureInput } from '../../src/pictures/picture-types.js';
import { createPictureCases, type PictureCase } from '../helpers/picture-cases.js';

const t = createI18n('en').translatorFor('en');
const cases = createPictureCases();
const inputOf = (name: string): PictureInput =>
  describePicture(t, 'en', cases.find((c) => c.name === name) as PictureCase);
const lessonRows = (findExample('lesson') as { rows: Row[] }).rows;

/** The synapse lines of the neuron: the ones that end at its centre, with their colour and width. */
function synapses(svg: string): { stroke: string; width: number }[] {
  const lines = [
    ...svg.matchAll(/<line x1="500" [^>]*x2="740" [^>]*stroke="(#\w+)" stroke-width="([\d.]+)"/g),
  ];
  return lines.map((m) => ({ stroke: m[1] as string, width: Number(m[2]) }));
}

/** The weighted sum as written out under the neuron, its lines joined. */
function writtenFormula(svg: string): string {
  const texts = [...svg.matchAll(/>([^<]*)<\/text>/g)].map((m) => m[1] as string);
  const first = texts.findIndex((text) => text.startsWith('Σ = '));
  const rest = texts.slice(first + 1);
  const end = rest.findIndex((text) => !/^[+=] /.test(text));
  return [texts[first], ...rest.slice(0, end < 0 ? rest.length : end)].join(' ');
}

describe('the neuron', () => {
  it('colours each synapse by its sign and thickens it by |weight|', () => {
    // Trained lesson: 10.38, -0.21, -4.98.
    const drawn = synapses(drawPicture(inputOf('lesson')));
    expect(drawn.map((s) => s.stroke)).toEqual([CLASS_1, CLASS_0, CLASS_0]);
    const [w1, w2, w3] = drawn.map((s) => s.width) as [number, number, number];
    expect(w1).toBeGreaterThan(w3);
    expect(w3).toBeGreaterThan(w2);
  });

  it('labels each synapse with its weight and writes the weighted sum out for a small neuron', () => {
    const svg = drawPicture(inputOf('lesson'));
    for (const weight of ['10.38', '−0.21', '−4.98']) expect(svg).toContain(`>${weight}</text>`);
    expect(writtenFormula(svg)).toBe('Σ = 1·10.38 + 1·(−0.21) + 0·(−4.98) = 10.17');
    expect(svg).toContain('>0.99996</text>');
  });

  it('draws 9 of 32 synapses and groups the rest as "+ 23 more" with their part of the sum', () => {
    const svg = drawPicture(inputOf('inputs-32'));
    expect(synapses(svg)).toHaveLength(9);
    expect(svg).toContain('>+ 23 more</text>');
    expect(svg).toMatch(/>Σ −?[\d.]+<\/text>/);
    expect(svg).not.toContain('>Σ = ');
  });

  it('draws the bias as one more synapse, b, from a constant 1', () => {
    const svg = drawPicture(inputOf('and-bias'));
    expect(synapses(svg)).toHaveLength(4);
    expect(svg).toContain('>b</text>');
  });
});

describe('the loss curve', () => {
  it('marks where each "train more" went on, and only then shows the legend', () => {
    const twice = drawPicture(inputOf('and-bias'));
    const dashes = (svg: string) => [...svg.matchAll(/stroke-dasharray="10 8"/g)].length;
    // The mark at epoch 1,000 and the legend's sample line.
    expect(dashes(twice)).toBe(2);
    expect(twice).toContain('>train more</text>');
    expect(dashes(drawPicture(inputOf('lesson')))).toBe(0);
  });

  it('has a log scale over the losses trained, in powers of ten', () => {
    const svg = drawPicture(inputOf('lesson'));
    expect(svg).toContain('>10⁰</text>');
    expect(svg).toContain('>10⁻⁵</text>');
    expect(svg).toContain('>20,000</text>');
  });

  it('says "not trained yet" before any training', () => {
    expect(drawPicture(inputOf('untrained'))).toContain('>Not trained yet: /train</text>');
  });
});

describe('where the rows fall', () => {
  it("rings the wrong rows with one solid ring: two of xor's four on the plane, on the curve, and in the legend", () => {
    const svg = drawPicture(inputOf('xor'));
    const rings = (of: string) =>
      [...of.matchAll(new RegExp(`stroke="${WRONG}"[^>]*>`, 'g'))].map((m) => m[0]);
    expect(rings(svg)).toEqual(Array(5).fill(`stroke="${WRONG}" stroke-width="5"/>`));
    expect(rings(drawPicture(inputOf('lesson')))).toHaveLength(1);
  });

  it('a step neuron gets a hard edge in the colour field, not a fade', () => {
    const model = trainModel(createModel({ ...DEFAULT_SETTINGS, activation: 'step' }, 3), lessonRows, {
      epochs: 50,
    }).model;
    const svg = drawPicture(describePicture(t, 'en', { model, rows: lessonRows, inputs: [1, 0, 1] }));
    const stops = [...svg.matchAll(/<stop offset="([\d.]+)" stop-color="(#\w+)"/g)].map((m) => [m[1], m[2]]);
    const colours = new Set(stops.map(([, colour]) => colour));
    expect(colours).toEqual(new Set([colourOfOutput(0), colourOfOutput(1)]));
    const edge = stops.findIndex(([, colour], i) => i > 0 && colour !== stops[i - 1]?.[1]);
    expect(stops[edge]?.[0]).toBe(stops[edge - 1]?.[0]);
  });
});

describe('text in the SVG', () => {
  it('is escaped, so a label cannot break the document', () => {
    const input = inputOf('lesson');
    const svg = drawPicture({ ...input, labels: { ...input.labels, title: '<b>&"x"</b>' } });
    expect(svg).toContain('&#60;b&#62;&#38;&#34;x&#34;&#60;/b&#62;');
    expect(svg).not.toContain('<b>');
  });

  it("uses the reader's decimal mark", () => {
    const ru = describePicture(createI18n('en').translatorFor('ru'), 'ru', cases[0] as PictureCase);
    const svg = drawPicture(ru);
    expect(svg).toContain('>10,38</text>');
    expect(svg).toContain('>0,99996</text>');
    expect(svg).toContain('>20\u00a0000</text>');
  });
});
