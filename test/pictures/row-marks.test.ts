import { describe, expect, it } from 'vitest';
import { describePicture } from '../../src/bot/kit/render/picture-input.js';
import { predict } from '../../src/core/predict.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { NEUTRAL } from '../../src/pictures/palette.js';
import { drawPicture, layoutPicture } from '../../src/pictures/picture.js';
import type { PictureInput } from '../../src/pictures/picture-types.js';
import { INK } from '../../src/pictures/svg.js';
import { createPictureCases, type PictureCase } from '../helpers/picture-cases.js';
import { placeTexts } from './place-texts.js';

const i18n = createI18n('en');
const cases = createPictureCases();
const inputOf = (name: string, language: 'en' | 'ru' = 'en'): PictureInput =>
  describePicture(i18n.translatorFor(language), language, cases.find((c) => c.name === name) as PictureCase);

interface Circle {
  x: number;
  y: number;
  /** Everything after the centre: radius, fill and stroke. */
  look: string;
}

const circlesOf = (svg: string): Circle[] =>
  [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" ([^/]*)\/>/g)].map(([, x, y, look]) => ({
    x: Number(x),
    y: Number(y),
    look: (look ?? '').trim(),
  }));

/** x of the text `content` in the SVG. */
const xOfText = (svg: string, content: string) =>
  Number(svg.match(new RegExp(`<text x="([\\d.]+)"[^>]*>${content}</text>`))?.[1]);

describe('the case drawn through the neuron', () => {
  it('/plot 1 1 0: a ring on the curve at its sum, 10.17, on an axis widened to −12 … 12 to hold it', () => {
    const input = inputOf('lesson');
    const svg = drawPicture(input);
    const { sum, output } = predict(input.model, [1, 1, 0]);
    expect(sum).toBeCloseTo(10.174, 3);
    const left = xOfText(svg, '−12');
    const right = xOfText(svg, '12');
    expect(right - left).toBeGreaterThan(1000);
    const { activation, plane } = layoutPicture(input);
    const ring = circlesOf(svg).filter(
      (c) => c.look === `r="20" fill="none" stroke="${INK}" stroke-width="4"` && c.y > activation.y + 200,
    );
    expect(ring).toHaveLength(1);
    const [mark] = ring as [Circle];
    expect(mark.x).toBeCloseTo(left + ((sum + 12) / 24) * (right - left), 0);
    expect(mark.y).toBeLessThan(plane?.box.y ?? 0);
    // On the curve: the output 0.99996 is at the plot's top, where the target-1 rows are.
    const dots = circlesOf(svg).filter(
      (c) => c.look.includes('r="16"') && c.y > activation.y + 200 && c.y < mark.y + 400,
    );
    expect(output).toBeGreaterThan(0.9999);
    expect(Math.abs(mark.y - Math.min(...dots.map((c) => c.y)))).toBeLessThan(1);
  });

  it('is named in the legend by its inputs, with the same ring', () => {
    const svg = drawPicture(inputOf('weather-ru', 'ru'));
    expect(svg).toContain('>0,3 0,9</text>');
    const rings = circlesOf(svg).filter(
      (c) => c.look === `r="20" fill="none" stroke="${INK}" stroke-width="4"`,
    );
    expect(rings).toHaveLength(2);
  });
});

describe('xor with every weight at 0.00', () => {
  const input = inputOf('xor');
  const svg = drawPicture(input);

  it('colours the weights grey, having no sign, on their labels and their synapses', () => {
    expect(input.model.weights.every((w) => Math.abs(w) < 0.005)).toBe(true);
    const labels = [...svg.matchAll(/font-weight="bold" fill="(#\w+)">0\.00<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual([NEUTRAL, NEUTRAL, NEUTRAL]);
    const synapses = [...svg.matchAll(/<line [^>]*x2="740" [^>]*stroke="(#\w+)"/g)].map((m) => m[1]);
    expect(synapses).toEqual([NEUTRAL, NEUTRAL, NEUTRAL]);
  });

  it('draws no dashed 0.5 line on the plane, where the output is 0.5 all over', () => {
    const plane = layoutPicture(input).plane;
    const lines = [...svg.matchAll(/<line [^>]*y1="([\d.]+)"[^>]*stroke-dasharray="16 10"/g)];
    expect(plane).toBeDefined();
    expect(lines).toHaveLength(0);
  });

  it('marks the rows on the plane and on the curve as the legend shows them', () => {
    const { activation, plane } = layoutPicture(input);
    const circles = circlesOf(svg);
    const legendBottom = activation.y + 200;
    const looks = (from: number, to: number) =>
      new Set(circles.filter((c) => c.y > from && c.y < to).map((c) => c.look));
    const legend = looks(activation.y, legendBottom);
    const curve = looks(legendBottom, plane?.box.y ?? 0);
    const onPlane = looks(plane?.box.y ?? 0, Number.POSITIVE_INFINITY);
    expect([...onPlane].filter((look) => look.includes('fill="#'))).toHaveLength(2);
    for (const look of [...onPlane, ...curve]) expect([...legend]).toContain(look);
  });
});

describe('the Russian pictures', () => {
  it.each(cases.filter((c) => !c.testsOnly).map((c) => c.name))(
    '%s: "ошибка" nowhere, since no picture shows a row\'s y − out; the loss is "потери", a wrong row "неверно"',
    (name) => {
      const texts = placeTexts(drawPicture(inputOf(name, 'ru'))).texts.map((t) => t.text);
      expect(texts.filter((text) => /ошибк/i.test(text))).toEqual([]);
      expect(texts).toEqual(expect.arrayContaining(['Потери (лог. шкала)', 'неверно']));
    },
  );
});
