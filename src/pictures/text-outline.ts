import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import opentype, { type Font, type Glyph } from 'opentype.js';

const fontFolder = join(
  dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);
/** DejaVu covers Latin, Cyrillic and the math signs; no system font is ever looked up. */
const FONT_FILES = { normal: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;
type Weight = keyof typeof FONT_FILES;

const fonts = new Map<Weight, Font>();

/**
 * A font of the pictures, read and parsed once per thread. Its glyphs are read as a text first needs them:
 * parsing all of DejaVu's 6,000 at once would keep 35 MB per thread, this keeps 5.
 */
function loadFont(weight: Weight): Font {
  let font = fonts.get(weight);
  if (!font) {
    const bytes = readFileSync(join(fontFolder, FONT_FILES[weight]));
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    font = opentype.parse(buffer, { lowMemory: true });
    fonts.set(weight, font);
  }
  return font;
}

/**
 * Every `<text>` of an SVG document (as svg.ts's drawText writes them) turned into the outline of its letters:
 * a `<path>` of the same fill and transform, its baseline at the text's y, anchored at its x as text-anchor
 * says, kerned as the font says. The renderer then needs no font: given one, it would build a font database
 * and read the font files again for every picture.
 */
export function outlineTexts(svg: string): string {
  return svg.replace(/<text ([^>]*)>([^<]*)<\/text>/g, (_, attributes: string, content: string) => {
    const attribute = (name: string) => new RegExp(`(?:^| )${name}="([^"]*)"`).exec(attributes)?.[1];
    const font = loadFont(attribute('font-weight') === 'bold' ? 'bold' : 'normal');
    const size = Number(attribute('font-size'));
    const glyphs = [...collapseSpaces(unescapeXml(content))].map((character) => font.charToGlyph(character));
    const scale = size / font.unitsPerEm;
    const kerning = font.position.getKerningTables(scriptOf(content));
    const advances = glyphs.map((glyph, i) => {
      const next = glyphs[i + 1];
      const kern = kerning && next ? font.position.getKerningValue(kerning, glyph.index, next.index) : 0;
      return ((glyph.advanceWidth ?? 0) + kern) * scale;
    });
    const anchor = attribute('text-anchor');
    const width = anchor === 'middle' || anchor === 'end' ? advances.reduce((a, b) => a + b, 0) : 0;
    let x = Number(attribute('x')) - (anchor === 'middle' ? width / 2 : width);
    const y = Number(attribute('y'));
    let d = '';
    glyphs.forEach((glyph, i) => {
      d += outlineGlyph(glyph, x, y, scale);
      x += advances[i] ?? 0;
    });
    const transform = attribute('transform');
    const turn = transform === undefined ? '' : ` transform="${transform}"`;
    return `<path d="${d}" fill="${attribute('fill') ?? 'black'}"${turn}/>`;
  });
}

/**
 * The OpenType script a text is shaped as: that of its first letter of Latin, Cyrillic or Greek, or none
 * (DFLT) for digits and signs alone. The kerning pairs are the script's: DejaVu kerns Latin only.
 */
function scriptOf(text: string): string {
  const letter = /\p{Script=Latin}|\p{Script=Cyrillic}|\p{Script=Greek}/u.exec(text)?.[0] ?? '';
  if (/\p{Script=Latin}/u.test(letter)) return 'latn';
  if (/\p{Script=Cyrillic}/u.test(letter)) return 'cyrl';
  return /\p{Script=Greek}/u.test(letter) ? 'grek' : 'DFLT';
}

/** One glyph's outline as SVG path data, its origin at (x, y) on the page and `scale` px to a font unit. */
function outlineGlyph(glyph: Glyph, x: number, y: number, scale: number): string {
  const at = (dx: number, dy: number) => `${round(x + dx * scale)} ${round(y - dy * scale)}`;
  let d = '';
  for (const step of glyph.path.commands) {
    if (step.type === 'Z') d += 'Z';
    else if (step.type === 'Q') d += `Q${at(step.x1, step.y1)} ${at(step.x, step.y)}`;
    else if (step.type === 'C') d += `C${at(step.x1, step.y1)} ${at(step.x2, step.y2)} ${at(step.x, step.y)}`;
    else d += `${step.type}${at(step.x, step.y)}`;
  }
  return d;
}

/** To a hundredth of a pixel, as the outline's detail needs and no more. */
const round = (n: number): number => Math.round(n * 100) / 100;

/** SVG's default white space: no line breaks, tabs as spaces, none at either end, runs of spaces as one. */
function collapseSpaces(text: string): string {
  return text
    .replace(/\n/g, '')
    .replace(/\t/g, ' ')
    .replace(/^ +| +$/g, '')
    .replace(/ {2,}/g, ' ');
}

/** The characters escapeXml wrote as references (`&#60;`), and the named five. */
function unescapeXml(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&(lt|gt|amp|quot|apos);/g, (_, name: string) => NAMED[name] ?? '');
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
