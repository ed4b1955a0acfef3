import { Resvg } from '@resvg/resvg-js';
import { outlineTexts } from '../../src/pictures/text-outline.js';

export interface Placed {
  text: string;
  element: string;
  box: { x: number; y: number; width: number; height: number };
}

/** Where each <text> of the document lands, drawn alone as the renderer draws it: as its letters' outline. */
export function placeTexts(svg: string): { width: number; height: number; texts: Placed[] } {
  const [, width = '0', height = '0'] = svg.match(/<svg [^>]*width="(\d+)" height="(\d+)"/) ?? [];
  const texts = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map(([element, text = '']) => {
    const alone = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${element}</svg>`;
    const box = new Resvg(outlineTexts(alone), { font: { loadSystemFonts: false } }).getBBox();
    return { text, element, box: box ?? { x: 0, y: 0, width: 0, height: 0 } };
  });
  return { width: Number(width), height: Number(height), texts };
}
