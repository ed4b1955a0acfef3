import type { PiscinaTask } from 'piscina';
import { afterAll, describe, expect, it } from 'vitest';
import { describePicture, describeReplay } from '../../src/bot/kit/render/picture-input.js';
import { createModel } from '../../src/core/model.js';
import { DEFAULT_SETTINGS } from '../../src/core/types.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { createPoolRenderer } from '../../src/training/picture-renderer.js';
import { createPoolExecutor } from '../../src/training/pool-executor.js';
import { createPicturesFirstQueue, PICTURE_TASK } from '../../src/training/task-queue.js';
import { createPictureCases, createWideRows } from '../helpers/picture-cases.js';

const t = createI18n('en').translatorFor('en');
const lesson = createPictureCases()[0];

describe('createPicturesFirstQueue', () => {
  const task = (name: string, id: number) => ({ name, taskId: id }) as unknown as PiscinaTask;

  it('hands out waiting pictures before waiting trainings, each kind in its order', () => {
    const queue = createPicturesFirstQueue();
    const [train1, train2, picture1, picture2] = [
      task('default', 1),
      task('default', 2),
      task(PICTURE_TASK, 3),
      task(PICTURE_TASK, 4),
    ];
    for (const each of [train1, train2, picture1, picture2]) queue.push(each);
    expect(queue.size).toBe(4);
    queue.remove(picture1);
    queue.unshift?.(train2);
    const order = [queue.shift(), queue.shift(), queue.shift(), queue.shift()];
    expect(order).toEqual([picture2, train2, train1, train2]);
    expect(queue.shift()).toBeNull();
  });
});

describe('pictures rendered on the training pool', () => {
  const executor = createPoolExecutor({ threads: 1 });
  const renderer = createPoolRenderer(executor.pool);
  afterAll(() => executor.close());

  it('come back as PNG and GIF bytes, with the time the worker took', async () => {
    if (!lesson) throw new Error('no lesson case');
    const picture = await renderer.picture(describePicture(t, 'en', lesson));
    expect(Buffer.isBuffer(picture.png)).toBe(true);
    expect(Buffer.from(picture.png).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(picture.renderMs).toBeGreaterThan(0);
    expect(picture.evaluation.accuracy).toBe(1);
    const replay = await renderer.replay(describeReplay(t, 'en', lesson));
    expect(Buffer.from(replay.gif).subarray(0, 6).toString('latin1')).toBe('GIF89a');
  }, 60_000);

  it('do not wait behind trainings queued before them on a busy thread', async () => {
    if (!lesson) throw new Error('no lesson case');
    const rows = createWideRows();
    const job = () => ({ model: createModel(DEFAULT_SETTINGS, 32), rows, epochs: 40_000 });
    const finished: string[] = [];
    const controller = new AbortController();
    const options = { signal: controller.signal, onProgress: () => {} };
    const trainings = [1, 2, 3].map((n) =>
      executor(job(), options).then(() => finished.push(`training ${n}`)),
    );
    const picture = renderer.picture(describePicture(t, 'en', lesson)).then(() => finished.push('picture'));
    await Promise.all([...trainings, picture]);
    // The first training had the thread already; the picture went before the two still waiting (which
    // piscina itself may swap: a task it cannot place yet goes back to the tail).
    expect(finished.slice(0, 2)).toEqual(['training 1', 'picture']);
    expect(finished).toHaveLength(4);
  }, 120_000);
});
