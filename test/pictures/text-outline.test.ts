import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { drawText, FONT_FAMILY, type TextStyle, wrapSvg } from '../../src/pictures/svg.js';
import { outlineTexts } from '../../src/pictures/text-outline.js';

const fontFolder = join(
  dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);
/** resvg's own text rendering, from the same font files: what the outlines must look like. */
const FONTS = {
  loadSystemFonts: false,
  fontFiles: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((name) => join(fontFolder, name)),
  defaultFontFamily: FONT_FAMILY,
};
const WIDTH = 1280;
const HEIGHT = 120;

function pixels(svg: string, asText: boolean): Buffer {
  const font = asText ? FONTS : { loadSystemFonts: false };
  return new Resvg(asText ? svg : outlineTexts(svg), { font }).render().pixels;
}

/** The box of what one text draws as outlines, with no font given to resvg. */
function outlineBox(x: number, content: string, style: TextStyle) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">${drawText(x, 80, content, style)}</svg>`;
  const box = new Resvg(outlineTexts(svg), { font: { loadSystemFonts: false } }).getBBox();
  if (!box) throw new Error(`"${content}" drew nothing`);
  return box;
}

const SAMPLES: [string, TextStyle][] = [
  ['Perceptron after 20,000 epochs', { size: 66, weight: 'bold' }],
  ['Нейрон для 1 1 0: взвешенная сумма', { size: 52 }],
  ['σ Σ ≥ → ≤ −4.98 10⁻¹² × «ё»', { size: 60, anchor: 'middle' }],
  ['Tea, WAVE. target 1 wrong <&> "q"', { size: 52, anchor: 'end', fill: '#d1242f' }],
  ['влажность', { size: 52, upwards: true }],
];

describe('texts drawn as the outlines of their letters', () => {
  it.each(SAMPLES)('"%s" looks as resvg draws it from the font', (content, style) => {
    const x = style.upwards ? 80 : style.anchor === 'end' ? 1240 : style.anchor === 'middle' ? 640 : 40;
    const y = style.upwards ? HEIGHT - 4 : 80;
    const svg = wrapSvg(style.upwards ? 120 : WIDTH, HEIGHT, [drawText(x, y, content, style)]);
    const asText = pixels(svg, true);
    const asOutline = pixels(svg, false);
    expect(asOutline.length).toBe(asText.length);
    let inked = 0;
    let different = 0;
    for (let i = 0; i < asText.length; i += 4) {
      if ((asText[i + 1] as number) < 200) inked++;
      // A letter moved by a pixel changes hundreds of pixels by far more; rounding changes a few edges.
      if (Math.abs((asText[i + 1] as number) - (asOutline[i + 1] as number)) > 48) different++;
    }
    expect(inked).toBeGreaterThan(500);
    expect(different).toBeLessThan(inked / 200);
  });

  it('leaves no <text> and keeps each text colour and turn', () => {
    const svg = wrapSvg(WIDTH, HEIGHT, [
      drawText(40, 80, 'x1', { size: 52, fill: '#1a62d6' }),
      drawText(80, 100, 'x2', { size: 52, upwards: true }),
    ]);
    const outlined = outlineTexts(svg);
    expect(outlined).not.toContain('<text');
    expect(outlined).toMatch(/<path d="M[^"]+" fill="#1a62d6"\/>/);
    expect(outlined).toMatch(/<path d="M[^"]+" fill="#1f2328" transform="rotate\(-90 80 100\)"\/>/);
  });

  it('anchors the middle and the end of a text at x', () => {
    const start = outlineBox(200, 'weighted sum', { size: 52 });
    const middle = outlineBox(640, 'weighted sum', { size: 52, anchor: 'middle' });
    const end = outlineBox(1240, 'weighted sum', { size: 52, anchor: 'end' });
    expect(middle.width).toBeCloseTo(start.width, 1);
    expect(middle.x + middle.width / 2).toBeCloseTo(640, -1);
    // The last letter's right side bearing lies between its ink and the anchor.
    expect(end.x + end.width).toBeGreaterThan(1230);
    expect(end.x + end.width).toBeLessThanOrEqual(1240);
    expect(start.x).toBeGreaterThanOrEqual(200);
    expect(start.x).toBeLessThan(210);
  });

  it('kerns Latin pairs, as the font says', () => {
    const kerned = outlineBox(40, 'AV', { size: 100 });
    const apart = outlineBox(40, 'A', { size: 100 }).width + outlineBox(40, 'V', { size: 100 }).width;
    // DejaVu pulls V 131/2048 em towards A: 6.4 px here, where the letters' side bearings add 1.6.
    expect(kerned.width).toBeLessThan(apart - 3);
  });

  it('kerns a Latin pair after digits, and none in a text that starts in another script', () => {
    const gap = (first: string) =>
      outlineBox(40, `${first}AV`, { size: 100 }).width - outlineBox(40, `${first}A`, { size: 100 }).width;
    // The V overhangs the A by the pair's kerning: 131/2048 em, 6.4 px.
    expect(gap('1 ')).toBeCloseTo(gap(''), 1);
    expect(gap('ы ') - gap('')).toBeGreaterThan(5);
  });

  it('writes each letter as closed outlines, in black when no fill is given', () => {
    const outlined = outlineTexts('<text x="0" y="60" font-size="52">o</text>');
    expect(outlined).toMatch(/^<path d="M[^"]*Z" fill="black"\/>$/);
  });

  it('collapses white space as SVG does, and keeps no-break spaces', () => {
    const outline = (content: string) => outlineTexts(drawText(40, 80, content, { size: 52 }));
    const ending = (content: string) =>
      outlineTexts(drawText(1240, 80, content, { size: 52, anchor: 'end' }));
    expect(ending('a   ')).toBe(ending('a'));
    expect(outline('a\nb')).toBe(outline('ab'));
    expect(outline('  a   b ')).toBe(outline('a b'));
    expect(outline('a\tb')).toBe(outline('a b'));
    expect(outline('20\u00a0000')).toBe(outline('20 000'));
    expect(outline('\u00a0\u00a0a')).not.toBe(outline('a'));
  });

  it('draws an escaped character as the character itself', () => {
    const outline = (content: string) => outlineTexts(`<text x="0" y="60" font-size="52">${content}</text>`);
    expect(outline('&#60;&#38;&#62;')).toBe(outline('&lt;&amp;&gt;'));
    expect(outline('&#34;&#39;')).toBe(outline('&quot;&apos;'));
    expect(outline('&#60;')).not.toBe(outline('&#62;'));
    const drawn = outlineTexts(drawText(0, 60, '<&>', { size: 52 }));
    expect(drawn.replace(/ fill="[^"]*"/, '')).toBe(outline('&lt;&amp;&gt;').replace(/ fill="[^"]*"/, ''));
  });

  it('draws bold with the bold font', () => {
    const regular = outlineBox(40, 'Perceptron', { size: 60 });
    const bold = outlineBox(40, 'Perceptron', { size: 60, weight: 'bold' });
    expect(bold.width).toBeGreaterThan(regular.width * 1.05);
  });
});
