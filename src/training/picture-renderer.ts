import type { MadePicture, MadeReplay } from '../pictures/make-picture.js';
import type { PictureInput, ReplayInput } from '../pictures/picture-types.js';
import { returnFreedMemoryAtOnce } from './native-memory.js';
import { PICTURE_TASK } from './task-queue.js';
import type { WorkerPool } from './worker-pool.js';

/** What a worker made, and how long the making took there (waiting for a free thread not counted). */
export type RenderedPicture = MadePicture & { renderMs: number };
export type RenderedReplay = MadeReplay & { renderMs: number };

/** Draws pictures off the event loop. */
export interface PictureRenderer {
  picture(input: PictureInput): Promise<RenderedPicture>;
  replay(input: ReplayInput): Promise<RenderedReplay>;
}

/** Renders on the training pool's threads: one pool, so pictures and trainings never fight for cores. */
export function createPoolRenderer(pool: WorkerPool): PictureRenderer {
  returnFreedMemoryAtOnce();
  const filename = pool.workerUrl('render-worker');
  return {
    async picture(input) {
      const made: RenderedPicture = await pool.piscina.run(input, { filename, name: PICTURE_TASK });
      return { ...made, png: asBuffer(made.png) };
    },
    async replay(input) {
      const made: RenderedReplay = await pool.piscina.run(input, { filename, name: 'renderReplay' });
      return { ...made, gif: asBuffer(made.gif) };
    },
  };
}

/** Bytes cross threads as a plain Uint8Array; telegraf uploads a Buffer. */
const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
