import { describe, expect, it } from 'vitest';
import { describeReplay, renderReplayCaption } from '../../src/bot/kit/render/picture-input.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { makeReplay } from '../../src/pictures/make-picture.js';
import { drawReplayFrames } from '../../src/pictures/replay-frames.js';
import { createPictureCases, type PictureCase } from '../helpers/picture-cases.js';

const i18n = createI18n('en');
const cases = createPictureCases();
const caseNamed = (name: string) => cases.find((c) => c.name === name) as PictureCase;

describe('the replay of the last training', () => {
  it("is a looping GIF of at most 60 frames, under 2 MB, from the lesson's weight samples", () => {
    const lesson = caseNamed('lesson');
    const made = makeReplay(describeReplay(i18n.translatorFor('en'), 'en', lesson));
    const bytes = Buffer.from(made.gif);
    expect(bytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    expect(bytes.includes(Buffer.from('NETSCAPE2.0'))).toBe(true);
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    expect(made.frames).toBe(lesson.model.lastRun?.length);
    expect(made.frames).toBeLessThanOrEqual(60);
    expect(made.frames).toBeGreaterThan(10);
    // One image descriptor (0x2c after a graphic control block) per frame.
    expect(countFrames(bytes)).toBe(made.frames);
    expect({ from: made.from, to: made.to }).toEqual({ from: 0, to: 20_000 });
    expect(renderReplayCaption(i18n.translatorFor('ru'), 'ru', made)).toBe(
      `🎞 Последнее обучение, эпохи с 0 по 20\u00a0000: ${made.frames} кадров.`,
    );
  });

  it("shows each sample's epoch, and the plane for two varying inputs or else the curve", () => {
    const t = i18n.translatorFor('ru');
    const lesson = drawReplayFrames(describeReplay(t, 'ru', caseNamed('lesson')));
    expect(lesson[0]).toContain('>Эпоха 0</text>');
    expect(lesson.at(-1)).toContain('>Эпоха 20\u00a0000</text>');
    expect(lesson[0]).toContain('linearGradient');
    const not = drawReplayFrames(describeReplay(t, 'ru', caseNamed('not')));
    expect(not[0]).not.toContain('linearGradient');
    expect(not[0]).toContain('>Где оказались строки</text>');
  });

  it('of an untrained perceptron is one frame of its starting weights', () => {
    const frames = drawReplayFrames(describeReplay(i18n.translatorFor('en'), 'en', caseNamed('untrained')));
    expect(frames).toHaveLength(1);
    expect(frames[0]).toContain('>Epoch 0</text>');
  });
});

/** Counts image descriptors that follow a graphic control extension: one per frame gifenc writes. */
function countFrames(gif: Buffer): number {
  let count = 0;
  for (let i = 0; i + 9 < gif.length; i++) {
    if (gif[i] === 0x21 && gif[i + 1] === 0xf9 && gif[i + 2] === 4 && gif[i + 7] === 0 && gif[i + 8] === 0x2c)
      count++;
  }
  return count;
}
