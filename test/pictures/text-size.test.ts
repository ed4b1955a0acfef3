import { describe, expect, it } from 'vitest';
import { describePicture, describeReplay } from '../../src/bot/kit/render/picture-input.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { drawPicture } from '../../src/pictures/picture.js';
import { drawReplayFrames } from '../../src/pictures/replay-frames.js';
import { MIN_TEXT_SIZE } from '../../src/pictures/svg.js';
import { createPictureCases } from '../helpers/picture-cases.js';
import { type Placed, placeTexts } from './place-texts.js';

const i18n = createI18n('en');
const cases = createPictureCases();

interface Drawn {
  name: string;
  svg: string;
}

/** Every picture and the first and last frame of every replay, in both languages. */
function drawEverything(): Drawn[] {
  return (['en', 'ru'] as const).flatMap((language) => {
    const t = i18n.translatorFor(language);
    return cases.flatMap((c) => {
      const frames = drawReplayFrames(describeReplay(t, language, c));
      return [
        { name: `${c.name}-${language}`, svg: drawPicture(describePicture(t, language, c)) },
        { name: `${c.name}-replay-${language} first`, svg: frames[0] as string },
        { name: `${c.name}-replay-${language} last`, svg: frames.at(-1) as string },
      ];
    });
  });
}

const overlap = (a: Placed['box'], b: Placed['box']) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe.each(drawEverything())('$name', ({ svg }) => {
  it(`draws every text at least ${MIN_TEXT_SIZE} px high in 1,280`, () => {
    expect(svg).toContain('width="1280"');
    const sizes = [...svg.matchAll(/<text [^>]*font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(8);
    expect(sizes.length).toBe([...svg.matchAll(/<text /g)].length);
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(MIN_TEXT_SIZE);
  });

  it('keeps every text inside the picture, and no two texts on each other', () => {
    const { width, height, texts } = placeTexts(svg);
    for (const { text, box } of texts) {
      expect({ text, x: box.x >= 0, right: box.x + box.width <= width }).toEqual({
        text,
        x: true,
        right: true,
      });
      expect(box.y + box.height).toBeLessThanOrEqual(height);
    }
    const touching = texts.flatMap((a, i) =>
      texts.slice(i + 1).flatMap((b) => (overlap(a.box, b.box) ? [`${a.text} / ${b.text}`] : [])),
    );
    expect(touching).toEqual([]);
  });
});
