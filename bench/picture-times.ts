import type { PictureRenderer } from '../src/training/picture-renderer.js';

/** Milliseconds per picture: `render` in the worker, `total` from the request until the PNG was back. */
export interface PictureTimes {
  render: number[];
  total: number[];
}

/** The bot's renderer, timing each picture; take() hands over the times so far and starts again. */
export function timePictures(renderer: PictureRenderer): { renderer: PictureRenderer; take(): PictureTimes } {
  let times: PictureTimes = { render: [], total: [] };
  return {
    renderer: {
      async picture(input) {
        const started = performance.now();
        const made = await renderer.picture(input);
        times.total.push(performance.now() - started);
        times.render.push(made.renderMs);
        return made;
      },
      replay: (input) => renderer.replay(input),
    },
    take() {
      const taken = times;
      times = { render: [], total: [] };
      return taken;
    },
  };
}
