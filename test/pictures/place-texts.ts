import { Resvg } from '@resvg/resvg-js';
import { FONT_FILES } from '../../src/pictures/render-svg.js';
import { FONT_FAMILY } from '../../src/pictures/svg.js';

export interface Placed {
  text: string;
  element: string;
  box: { x: number; y: number; width: number; height: number };
}

/** Where each <text> of the document lands, as resvg draws it alone with the bundled fonts. */
export function placeTexts(svg: string): { width: number; height: number; texts: Placed[] } {
  const [, width = '0', height = '0'] = svg.match(/<svg [^>]*width="(\d+)" height="(\d+)"/) ?? [];
  const texts = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map(([element, text = '']) => {
    const alone = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="${FONT_FAMILY}">${element}</svg>`;
    const font = { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT_FAMILY };
    const box = new Resvg(alone, { font }).getBBox();
    return { text, element, box: box ?? { x: 0, y: 0, width: 0, height: 0 } };
  });
  return { width: Number(width), height: Number(height), texts };
}
