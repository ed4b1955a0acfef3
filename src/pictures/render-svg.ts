import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { FONT_FAMILY } from './svg.js';

const fontFolder = join(
  dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);
/** DejaVu covers Latin, Cyrillic and the math signs; no system font is ever looked up. */
export const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((name) => join(fontFolder, name));

const options = (width?: number) => ({
  font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT_FAMILY },
  ...(width ? { fitTo: { mode: 'width' as const, value: width } } : {}),
});

/** An SVG document as RGBA pixels, scaled to `width` when given. */
export function renderPixels(svg: string, width?: number): { pixels: Buffer; width: number; height: number } {
  const image = new Resvg(svg, options(width)).render();
  return { pixels: image.pixels, width: image.width, height: image.height };
}
