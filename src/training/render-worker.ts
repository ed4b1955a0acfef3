import { makePicture, makeReplay } from '../pictures/make-picture.js';
import type { PictureInput, ReplayInput } from '../pictures/picture-types.js';
import type { RenderedPicture, RenderedReplay } from './picture-renderer.js';

/** Piscina worker (run by name): draws, renders and evaluates one picture. */
export function renderPicture(input: PictureInput): RenderedPicture {
  const started = performance.now();
  return { ...makePicture(input), renderMs: performance.now() - started };
}

/** Piscina worker (run by name): renders the last training's replay as a GIF. */
export function renderReplay(input: ReplayInput): RenderedReplay {
  const started = performance.now();
  return { ...makeReplay(input), renderMs: performance.now() - started };
}
