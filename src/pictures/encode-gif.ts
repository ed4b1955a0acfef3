import { gifenc } from './gifenc.js';

export interface Frame {
  pixels: Uint8Array;
  width: number;
  height: number;
}

/**
 * Frames as one looping GIF. One palette, made from the first and the last frame, serves every frame:
 * the colours of a replay change little between them, and a shared palette keeps the file small.
 */
export function encodeGif(frames: Frame[], delayMs: number, holdLastMs: number): Uint8Array {
  const first = frames[0];
  const last = frames.at(-1);
  if (!first || !last) throw new RangeError('a GIF needs at least one frame');
  const sample = new Uint8Array(first.pixels.length + last.pixels.length);
  sample.set(first.pixels, 0);
  sample.set(last.pixels, first.pixels.length);
  const palette = gifenc.quantize(sample, 256);
  const gif = gifenc.GIFEncoder();
  frames.forEach((frame, i) => {
    const index = gifenc.applyPalette(frame.pixels, palette);
    const delay = i === frames.length - 1 ? holdLastMs : delayMs;
    gif.writeFrame(index, frame.width, frame.height, { palette, delay, repeat: 0 });
  });
  gif.finish();
  return gif.bytes();
}
