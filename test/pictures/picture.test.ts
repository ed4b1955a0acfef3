import { beforeAll, describe, expect, it } from 'vitest';
import { describePicture, renderPictureCaption } from '../../src/bot/kit/render/picture-input.js';
import type { Language } from '../../src/config/config.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { type MadePicture, makePicture } from '../../src/pictures/make-picture.js';
import { drawPicture, layoutPicture } from '../../src/pictures/picture.js';
import type { PictureInput } from '../../src/pictures/picture-types.js';
import { createPictureCases } from '../helpers/picture-cases.js';
import { checkPicture, type Decoded, isClassOneColour, isClassZeroColour } from './png-check.js';

const i18n = createI18n('en');
const cases = createPictureCases();

interface Drawn {
  input: PictureInput;
  made: MadePicture;
  image: Decoded;
  caption: string;
}

const drawn = new Map<string, Drawn>();
const draw = (name: string, language: Language) => drawn.get(`${name}-${language}`) as Drawn;

beforeAll(() => {
  for (const language of ['en', 'ru'] as const) {
    const t = i18n.translatorFor(language);
    for (const pictureCase of cases) {
      const input = describePicture(t, language, pictureCase);
      const made = makePicture(input);
      const caption = renderPictureCaption(t, language, input, made);
      drawn.set(`${pictureCase.name}-${language}`, { input, made, image: checkPicture(made.png), caption });
    }
  }
  // Every picture in both languages: about 8 s alone, several times that while the machine is busy.
}, 120_000);

describe.each(['en', 'ru'] as const)('every picture in %s', (language) => {
  it.each(cases.map((c) => c.name))(
    '%s is a PNG 1280 px wide, under 300 KB, with its title drawn',
    (name) => {
      const { made, image } = draw(name, language);
      expect(checkPicture(made.png).width).toBe(1280);
      // "Perceptron" / "Перцептрон" alone: no digits in this box, so dark pixels mean the letters were drawn.
      expect(image.countDark({ x: 40, y: 28, width: 250, height: 44 })).toBeGreaterThan(800);
    },
  );

  it.each(cases.map((c) => c.name))('%s has a caption within 1,024 characters', (name) => {
    const { caption } = draw(name, language);
    expect(caption.length).toBeLessThanOrEqual(1024);
    expect(caption).toContain(i18n.translatorFor(language)('pictures.captionKey'));
  });
});

describe('the trained lesson', () => {
  it.each(['en', 'ru'] as const)(
    'in %s colours the plane: inputs (1, 0) as class 1, (0, 1) as class 0',
    (language) => {
      const { input, image } = draw('lesson', language);
      const plane = layoutPicture(input).plane;
      expect(plane?.across).toBe(0);
      expect(plane?.up).toBe(1);
      const at = (a: number, u: number) => {
        const { x, y } = plane?.toPixel(a, u) ?? { x: 0, y: 0 };
        return image.at(x, y);
      };
      expect(isClassOneColour(at(1, 0))).toBe(true);
      expect(isClassOneColour(at(1, 1))).toBe(true);
      expect(isClassZeroColour(at(0, 1))).toBe(true);
      expect(isClassZeroColour(at(0, 0))).toBe(true);
    },
  );

  it('draws 1 1 0 flowing through to the lesson answer, 0.99996', () => {
    const { made, caption } = draw('lesson', 'en');
    expect(made.output).toBeCloseTo(0.99996, 5);
    expect(made.sum).toBeCloseTo(10.174, 3);
    expect(caption).toContain('📈 1 1 0 → 0.99996 (weighted sum 10.17, sigmoid).');
    expect(caption).toContain('Loss 3.20e-5, accuracy 100% after 20,000 epochs.');
  });

  it('says the same in Russian, with the decimal comma of the picture and of its "0,5"', () => {
    const { caption } = draw('lesson', 'ru');
    expect(caption).toContain('📈 1 1 0 → 0,99996 (взвешенная сумма 10,17, сигмоида).');
    expect(caption).toContain('Потери 3,20e-5, точность 100% после 20\u00a0000 эпох.');
    expect(caption).toContain('Пунктир — где выход равен 0,5.');
    expect(caption).not.toMatch(/\d\.\d/);
  });

  it('writes Russian labels in Cyrillic that renders: "Где оказались строки" has dark pixels where it is', () => {
    const { input, image } = draw('lesson', 'ru');
    const { activation } = layoutPicture(input);
    expect(input.labels.rows).toBe('Где оказались строки');
    const label = { x: activation.x + 40, y: activation.y + 42, width: 700, height: 42 };
    expect(image.countDark(label)).toBeGreaterThan(1500);
    // Beside the label, in the same band, the panel is white.
    expect(image.countDark({ ...label, x: activation.x + 830, width: 40 })).toBe(0);
  });
});

describe('the other pictures', () => {
  it('xor: the caption says one neuron cannot separate it', () => {
    expect(draw('xor', 'en').made.evaluation.separable).toBe(false);
    expect(draw('xor', 'en').caption).toContain(i18n.translatorFor('en')('pictures.captionNotSeparable'));
    expect(draw('lesson', 'en').caption).not.toContain(
      i18n.translatorFor('en')('pictures.captionNotSeparable'),
    );
  });

  it.each(['en', 'ru'] as const)(
    'xor with its weights at 0.00 (%s): the caption explains the grey, and no dashed line, since none is drawn',
    (language) => {
      const t = i18n.translatorFor(language);
      const xor = draw('xor', language);
      expect(xor.made.key).toEqual({ zeroWeight: true, boundary: false });
      expect(xor.caption).toContain(t('pictures.captionZero'));
      expect(xor.caption).not.toContain(t('pictures.captionBoundary'));
      const lesson = draw('lesson', language);
      expect(lesson.made.key).toEqual({ zeroWeight: false, boundary: true });
      expect(lesson.caption).toContain(`${t('pictures.captionKey')} ${t('pictures.captionBoundary')}`);
      expect(lesson.caption).not.toContain(t('pictures.captionZero'));
    },
  );

  it('not: one varying input, so the rows on the curve take the whole width and there is no plane', () => {
    const { input } = draw('not', 'en');
    expect(layoutPicture(input).plane).toBeUndefined();
    expect(layoutPicture(input).activation.width).toBe(1280);
  });

  it('and with the bias on has the plane of x1 and x2, though three weights and a bias act on them', () => {
    const { input, image } = draw('and-bias', 'en');
    const plane = layoutPicture(input).plane;
    const at = (a: number, u: number) => image.at(plane?.toPixel(a, u).x ?? 0, plane?.toPixel(a, u).y ?? 0);
    expect(isClassOneColour(at(1, 1))).toBe(true);
    expect(isClassZeroColour(at(1, 0))).toBe(true);
    expect(isClassZeroColour(at(0, 1))).toBe(true);
  });

  it("the untrained perceptron: its caption says so, and the neuron has the seed's weights", () => {
    const { made, caption } = draw('untrained', 'en');
    expect(caption).toContain(i18n.translatorFor('en')('pictures.captionUntrained'));
    // 0 0 1 through the starting weights -0.16596, 0.44065, -0.99977.
    expect(made.sum).toBeCloseTo(-0.99977, 5);
  });

  it('the model stopped early: a few hundred epochs in the title, not 20,000', () => {
    const { input } = draw('stopped', 'en');
    expect(input.model.epochsTrained).toBeGreaterThanOrEqual(300);
    expect(input.model.epochsTrained).toBeLessThan(20_000);
    expect(input.labels.title).toBe(`Perceptron after ${input.model.epochsTrained} epochs`);
    const ru = describePicture(i18n.translatorFor('ru'), 'ru', { ...input, inputs: input.case });
    expect(ru.labels.title).toBe(`Перцептрон после ${input.model.epochsTrained} эпох`);
  });

  it('32 random inputs: the picture is still under the limits, with 23 synapses grouped', () => {
    const { input, image } = draw('inputs-32', 'en');
    expect(input.labels.moreInputs).toBe('+ 23 more');
    expect(image.height).toBeLessThan(3400);
  });
});

describe('a perceptron whose weights went far beyond any sensible size', () => {
  it('still draws: sums beyond the largest double clamp to the axes and the field turns flat', () => {
    const lesson = cases[0] as (typeof cases)[number];
    const model = { ...lesson.model, weights: [1.5e308, 1.5e308, -1e308] };
    const input = describePicture(i18n.translatorFor('en'), 'en', { ...lesson, model });
    expect(drawPicture(input)).not.toMatch(/NaN|Infinity/);
    const made = makePicture(input);
    checkPicture(made.png);
    expect(made.sum).toBe(Number.POSITIVE_INFINITY);
  });
});
