import { makePicture, makeReplay } from '../pictures/make-picture.js';
import type { PictureInput, ReplayInput } from '../pictures/picture-types.js';
import { collectGarbageAfterTask, waitForLastCollection } from './collect-garbage.js';
import type { RenderedPicture, RenderedReplay } from './picture-renderer.js';

/** Runs one drawing between two collections, and says how long it took. */
async function timeRender<T extends object>(make: () => T): Promise<T & { renderMs: number }> {
  await waitForLastCollection();
  const started = performance.now();
  const made = make();
  collectGarbageAfterTask();
  return { ...made, renderMs: performance.now() - started };
}

/** Piscina worker (run by name): draws, renders and evaluates one picture. */
export function renderPicture(input: PictureInput): Promise<RenderedPicture> {
  return timeRender(() => makePicture(input));
}

/** Piscina worker (run by name): renders the last training's replay as a GIF. */
export function renderReplay(input: ReplayInput): Promise<RenderedReplay> {
  return timeRender(() => makeReplay(input));
}
