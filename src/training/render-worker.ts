import { type MadePicture, type MadeReplay, makePicture, makeReplay } from '../pictures/make-picture.js';
import type { PictureInput, ReplayInput } from '../pictures/picture-types.js';

/** Piscina worker (run by name): draws, renders and evaluates one picture. */
export function renderPicture(input: PictureInput): MadePicture {
  return makePicture(input);
}

/** Piscina worker (run by name): renders the last training's replay as a GIF. */
export function renderReplay(input: ReplayInput): MadeReplay {
  return makeReplay(input);
}
