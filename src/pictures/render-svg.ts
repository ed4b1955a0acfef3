import { Resvg } from '@resvg/resvg-js';
import { outlineTexts } from './text-outline.js';

/** The texts arrive as outlines (text-outline.ts): resvg loads no font, neither the system's nor a file. */
const options = (width?: number) => ({
  font: { loadSystemFonts: false },
  ...(width ? { fitTo: { mode: 'width' as const, value: width } } : {}),
});

/** An SVG document as RGBA pixels, scaled to `width` when given. */
export function renderPixels(svg: string, width?: number): { pixels: Buffer; width: number; height: number } {
  const image = new Resvg(outlineTexts(svg), options(width)).render();
  return { pixels: image.pixels, width: image.width, height: image.height };
}
