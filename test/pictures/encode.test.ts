import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodeGif, type Frame } from '../../src/pictures/encode-gif.js';
import { encodeRgbPng } from '../../src/pictures/encode-png.js';

describe('encodeRgbPng', () => {
  it('keeps every pixel, as pngjs reads it back', () => {
    const width = 7;
    const height = 5;
    const pixels = new Uint8Array(width * height * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 37) % 256));
    const decoded = PNG.sync.read(encodeRgbPng(pixels, width, height));
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    expect(Array.from(decoded.data)).toEqual(Array.from(pixels));
  });
});

/** A frame of one colour. */
const frameOf = ([r, g, b]: [number, number, number], width = 3, height = 2): Frame => ({
  pixels: new Uint8Array(width * height * 4).map((_, i) => [r, g, b, 255][i % 4] as number),
  width,
  height,
});

/** The delays of the frames' graphic control extensions, in hundredths of a second. */
function listDelays(gif: Uint8Array): number[] {
  const delays: number[] = [];
  for (let i = 0; i + 7 < gif.length; i++)
    if (gif[i] === 0x21 && gif[i + 1] === 0xf9 && gif[i + 2] === 4)
      delays.push((gif[i + 4] as number) + 256 * (gif[i + 5] as number));
  return delays;
}

const contains = (gif: Uint8Array, bytes: number[]) => Buffer.from(gif).includes(Buffer.from(bytes));

describe('encodeGif', () => {
  it('writes a looping GIF of every frame, the last held longer', () => {
    const gif = encodeGif([frameOf([255, 0, 0]), frameOf([0, 255, 0]), frameOf([0, 0, 255])], 200, 2000);
    expect(Buffer.from(gif.subarray(0, 6)).toString('latin1')).toBe('GIF89a');
    // The logical screen: 3 × 2, little-endian.
    expect(Array.from(gif.subarray(6, 10))).toEqual([3, 0, 2, 0]);
    expect(contains(gif, [...Buffer.from('NETSCAPE2.0'), 3, 1, 0, 0])).toBe(true);
    expect(listDelays(gif)).toEqual([20, 20, 200]);
  });

  it('makes its palette of the first and the last frame', () => {
    const gif = encodeGif([frameOf([255, 0, 0]), frameOf([0, 255, 0]), frameOf([0, 0, 255])], 100, 100);
    expect(contains(gif, [255, 0, 0])).toBe(true);
    expect(contains(gif, [0, 0, 255])).toBe(true);
    expect(contains(gif, [0, 255, 0])).toBe(false);
  });

  it('needs a frame', () => {
    expect(() => encodeGif([], 100, 100)).toThrow(new RangeError('a GIF needs at least one frame'));
    expect(listDelays(encodeGif([frameOf([1, 2, 3])], 100, 700))).toEqual([70]);
  });
});
