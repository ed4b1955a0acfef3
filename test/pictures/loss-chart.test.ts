import { describe, expect, it } from 'vitest';
import { describePicture, describeReplay } from '../../src/bot/kit/render/picture-input.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { TARGET } from '../../src/pictures/palette.js';
import { drawPicture } from '../../src/pictures/picture.js';
import { drawReplayFrames } from '../../src/pictures/replay-frames.js';
import { createPictureCases, type PictureCase } from '../helpers/picture-cases.js';
import { type Placed, placeTexts } from './place-texts.js';

const i18n = createI18n('en');
const cases = createPictureCases();
const caseNamed = (name: string) => cases.find((c) => c.name === name) as PictureCase;
const drawOf = (name: string, language: 'en' | 'ru' = 'en') =>
  drawPicture(describePicture(i18n.translatorFor(language), language, caseNamed(name)));
const lastFrameOf = (name: string, language: 'en' | 'ru' = 'en') =>
  drawReplayFrames(describeReplay(i18n.translatorFor(language), language, caseNamed(name))).at(-1) as string;

/** The texts of the SVG, in order. */
const textsOf = (svg: string) => [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1] as string);
/** The loss scale's labels: powers of ten, the bottom one perhaps "≤10⁻¹²". */
const lossTicks = (svg: string) => textsOf(svg).filter((text) => /^≤?10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+$/.test(text));
/** y of the baseline of the text `content`. */
const yOfText = (svg: string, content: string) =>
  Number(svg.match(new RegExp(`<text x="[\\d.]+" y="([\\d.]+)"[^>]*>${content}</text>`))?.[1]);

describe('the loss chart', () => {
  it('prints the loss the curve ends at, as the caption has it, in the reader’s numbers', () => {
    expect(textsOf(drawOf('lesson'))).toContain('loss 3.20·10⁻⁵');
    expect(textsOf(drawOf('lesson', 'ru'))).toContain('потери 3,20·10⁻⁵');
    expect(textsOf(drawOf('xor'))).toContain('loss 0.2500');
  });

  it('draws the target loss of /set target 0.001 as a line at 10⁻³, and names it', () => {
    const svg = drawOf('target');
    const line = svg.match(new RegExp(`<line x1="[\\d.]+" y1="([\\d.]+)" [^>]*stroke="${TARGET}"`));
    expect(line).not.toBeNull();
    // A tick's label sits 18 px under its grid line.
    expect(Number(line?.[1])).toBeCloseTo(yOfText(svg, '10⁻³') - 18, 1);
    expect(textsOf(svg)).toContain('target 0.001');
    expect(textsOf(drawOf('target', 'ru'))).toContain('целевые потери 0,001');
    expect(svg).toMatch(/>loss 9\.9\d·10⁻⁴</);
    expect(drawOf('lesson')).not.toContain(`stroke="${TARGET}"`);
  });

  it('labels at least three powers of ten: xor, whose loss stays at 0.25, from 10⁰ to 10⁻²', () => {
    expect(lossTicks(drawOf('xor'))).toEqual(['10⁰', '10⁻¹', '10⁻²']);
    for (const c of cases.filter((c) => c.model.epochsTrained > 0)) {
      expect([c.name, lossTicks(drawOf(c.name)).length >= 3]).toEqual([c.name, true]);
      expect([c.name, lossTicks(lastFrameOf(c.name)).length >= 3]).toEqual([c.name, true]);
    }
  });

  it('says so when the loss lies below the scale’s floor: RProp’s 10⁻²⁹⁷ on "≤10⁻¹²", and printed whole', () => {
    const svg = drawOf('rprop');
    expect(lossTicks(svg)).toEqual(['10⁰', '10⁻³', '10⁻⁶', '10⁻⁹', '≤10⁻¹²']);
    expect(textsOf(svg).find((text) => text.startsWith('loss '))).toMatch(
      /^loss \d\.\d\d·10⁻²[⁰¹²³⁴⁵⁶⁷⁸⁹]{2}$/,
    );
    expect(lossTicks(drawOf('lesson')).at(-1)).toBe('10⁻⁵');
  });

  it('draws ten "train more" marks a pixel apart, after ten /step, as one', () => {
    const dashes = (svg: string) => [...svg.matchAll(/stroke-dasharray="10 8"/g)].length;
    expect(caseNamed('steps').model.continuedAt).toHaveLength(10);
    // The one mark and the legend's sample line.
    expect(dashes(drawOf('steps'))).toBe(2);
    expect(dashes(drawOf('and-bias'))).toBe(2);
  });
});

describe("the replay's loss chart", () => {
  /** The labels under the epoch axis: those on the baseline of its end's label. */
  const epochLabels = (svg: string, end: string) => {
    const y = yOfText(svg, end);
    return [...svg.matchAll(new RegExp(`<text x="[\\d.]+" y="${y}"[^>]*>([^<]*)</text>`, 'g'))].map(
      (m) => m[1],
    );
  };
  const overlap = (a: Placed['box'], b: Placed['box']) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  it('labels the powers of ten of its log scale and has no 0 on it', () => {
    expect(epochLabels(lastFrameOf('lesson'), '20,000')).toEqual(['20,000', '1', '10', '100', '1,000']);
    expect(epochLabels(lastFrameOf('lesson', 'ru'), '20\u00a0000')).toEqual([
      '20\u00a0000',
      '1',
      '10',
      '100',
      '1\u00a0000',
    ]);
  });

  it.each(['lesson', 'and-bias', 'rprop', 'target', 'stopped'])(
    '%s: keeps its labels apart, in the first frame and the last',
    (name) => {
      const frames = drawReplayFrames(describeReplay(i18n.translatorFor('en'), 'en', caseNamed(name)));
      for (const frame of [frames[0] as string, frames.at(-1) as string]) {
        const texts = placeTexts(frame).texts;
        const touching = texts.flatMap((a, i) =>
          texts.slice(i + 1).flatMap((b) => (overlap(a.box, b.box) ? [`${a.text} / ${b.text}`] : [])),
        );
        expect(touching).toEqual([]);
      }
    },
  );
});
