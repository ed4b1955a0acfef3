import { makePicture, makeReplay } from '../pictures/make-picture.js';
import type { PictureInput, ReplayInput } from '../pictures/picture-types.js';
import { collectGarbageAfterTask, waitForLastCollection } from './collect-garbage.js';
import type { RenderedPicture, RenderedReplay } from './picture-renderer.js';

/** Piscina worker (run by name): draws, renders and evaluates one picture. */
export async function renderPicture(input: PictureInput): Promise<RenderedPicture> {
  await waitForLastCollection();
  const started = performance.now();
  const made = makePicture(input);
  collectGarbageAfterTask();
  return { ...made, renderMs: performance.now() - started };
}

/** Piscina worker (run by name): renders the last training's replay as a GIF. */
export async function renderReplay(input: ReplayInput): Promise<RenderedReplay> {
  await waitForLastCollection();
  const started = performance.now();
  const made = makeReplay(input);
  collectGarbageAfterTask();
  return { ...made, renderMs: performance.now() - started };
}
