import { createRequire } from 'node:module';

type Palette = number[][];

interface GifStream {
  writeFrame(
    index: Uint8Array,
    width: number,
    height: number,
    options: { palette?: Palette; delay?: number; repeat?: number },
  ): void;
  finish(): void;
  bytes(): Uint8Array;
}

interface Gifenc {
  GIFEncoder(): GifStream;
  quantize(rgba: Uint8Array, maxColors: number): Palette;
  applyPalette(rgba: Uint8Array, palette: Palette): Uint8Array;
}

/**
 * gifenc is CommonJS without types, and loaders disagree about its default export (tsx in a worker
 * gives the encoder function): require() always gives its exports object.
 */
export const gifenc = createRequire(import.meta.url)('gifenc') as Gifenc;
