import { describe, expect, it } from 'vitest';
import { describePicture } from '../../src/bot/kit/render/picture-input.js';
import type { Language } from '../../src/config/config.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { drawPicture } from '../../src/pictures/picture.js';
import { createPictureCases, type PictureCase } from '../helpers/picture-cases.js';
import { placeTexts } from './place-texts.js';

const i18n = createI18n('en');
const lesson = createPictureCases().find((c) => c.name === 'lesson') as PictureCase;
/** Inside the neuron's stroke, which is 4 px wide about a circle of radius 112. */
const INNER_RADIUS = 110;

/** The neuron's circle, and the text drawn under the Σ inside it, with its box as resvg draws it. */
function findSumText(svg: string) {
  const [, cx = '0', cy = '0'] = svg.match(/<circle cx="([\d.]+)" cy="([\d.]+)" r="112"/) ?? [];
  const centre = { x: Number(cx), y: Number(cy) };
  const inside = placeTexts(svg).texts.filter(
    (t) => t.element.includes(`x="${cx}"`) && t.box.y > centre.y - 30 && t.box.y < centre.y + 60,
  );
  expect(inside).toHaveLength(1);
  return { centre, text: inside[0] as (typeof inside)[number] };
}

/** The lesson's picture of the case 1 0 0 with x1's weight set to `weight`: the sum is that weight. */
function drawSum(weight: number, language: Language) {
  const model = { ...lesson.model, weights: [weight, 0, 0] };
  const t = i18n.translatorFor(language);
  return drawPicture(describePicture(t, language, { ...lesson, model, inputs: [1, 0, 0] }));
}

describe('the weighted sum in the neuron', () => {
  it.each([
    [-314.65, 'en', '−314.7'],
    [-314.65, 'ru', '−314,7'],
    [1e6, 'en', '1·10⁶'],
    [-1.5e6, 'en', '−2·10⁶'],
    [-99_999, 'ru', '−1·10⁵'],
    [10.174, 'en', '10.17'],
    [-10.174, 'ru', '−10,17'],
  ] as const)('%d (%s) reads %s, its every corner inside the circle', (sum, language, shown) => {
    const { centre, text } = findSumText(drawSum(sum, language));
    expect(text.text).toBe(shown);
    const { x, y, width, height } = text.box;
    for (const [cx, cy] of [
      [x, y],
      [x + width, y],
      [x, y + height],
      [x + width, y + height],
    ] as const) {
      expect(Math.hypot(cx - centre.x, cy - centre.y)).toBeLessThan(INNER_RADIUS);
    }
  });

  it('is written whole in the formula under the neuron', () => {
    const svg = drawSum(-314.65, 'en');
    expect(svg).toContain('>Σ = 1·(−314.65) + 0·0.00 + 0·0.00</text>');
    expect(svg).toContain('>= −314.65</text>');
  });
});
