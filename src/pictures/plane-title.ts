import { cutText } from '../core/cut-text.js';
import { PICTURE_WIDTH } from './picture.js';
import { estimateTextWidth, MIN_TEXT_SIZE } from './svg.js';

/** The room the plane panel gives its title (40 px in from each side), at the smallest text size. */
const TITLE_WIDTH = PICTURE_WIDTH - 80;
/** Names in the title are cut no shorter than this. */
const SHORTEST_NAME = 6;

/**
 * The plane's title from its sentence in the reader's language ("Inputs: temperature and humidity") and
 * the two inputs' names: the longer name is cut first, while the sentence is too wide for the panel.
 */
export function fitPlaneTitle(
  compose: (across: string, up: string) => string,
  across: string,
  up: string,
): string {
  for (let limit = Math.max(across.length, up.length); ; limit--) {
    const title = compose(cutText(across, limit), cutText(up, limit));
    const fits = estimateTextWidth(title, MIN_TEXT_SIZE, true) <= TITLE_WIDTH;
    if (fits || limit <= SHORTEST_NAME) return title;
  }
}
