import { PNG } from 'pngjs';
import { expect } from 'vitest';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const PICTURE_LIMIT_BYTES = 300 * 1024;

export interface Decoded {
  width: number;
  height: number;
  /** [r, g, b] at a pixel. */
  at(x: number, y: number): [number, number, number];
  /** Pixels in the box darker than `level` on every channel. */
  countDark(box: { x: number; y: number; width: number; height: number }, level?: number): number;
}

/** Checks what every picture must be, and decodes it with pngjs (not with the code that made it). */
export function checkPicture(png: Uint8Array): Decoded {
  expect(Buffer.from(png.subarray(0, 8))).toEqual(PNG_SIGNATURE);
  expect(png.length).toBeLessThan(PICTURE_LIMIT_BYTES);
  const image = PNG.sync.read(Buffer.from(png));
  expect(image.width).toBe(1280);
  expect(image.height).toBeGreaterThan(1000);
  // Telegram's limits for a photo, and a bound of our own: the panels stacked at full width stay
  // within about two and a half phone screens.
  expect(image.width + image.height).toBeLessThanOrEqual(10_000);
  expect(image.height / image.width).toBeLessThanOrEqual(20);
  expect(image.height).toBeLessThan(3400);
  const at = (x: number, y: number): [number, number, number] => {
    const i = (Math.round(y) * image.width + Math.round(x)) * 4;
    return [image.data[i] as number, image.data[i + 1] as number, image.data[i + 2] as number];
  };
  return {
    width: image.width,
    height: image.height,
    at,
    countDark(box, level = 120) {
      let dark = 0;
      for (let y = box.y; y < box.y + box.height; y++)
        for (let x = box.x; x < box.x + box.width; x++) if (Math.max(...at(x, y)) < level) dark++;
      return dark;
    },
  };
}

/** Blue clearly over red: the class-1 colour of the field. */
export const isClassOneColour = ([r, , b]: [number, number, number]): boolean => b - r > 60;
/** Red clearly over blue: the class-0 colour of the field. */
export const isClassZeroColour = ([r, , b]: [number, number, number]): boolean => r - b > 60;
