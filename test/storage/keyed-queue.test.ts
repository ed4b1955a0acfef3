import { describe, expect, it } from 'vitest';
import { createKeyedQueue } from '../../src/storage/keyed-queue.js';

describe('createKeyedQueue', () => {
  it('runs the tasks of one key one at a time, in call order, even when one fails', async () => {
    const queue = createKeyedQueue();
    const events: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        events.push(`start ${name}`);
        await Promise.resolve();
        events.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      queue.run('a', task('1')),
      queue.run('a', task('2', true)),
      queue.run('a', task('3')),
    ]);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('starts a task of another key while a task of the first key is still running', async () => {
    const queue = createKeyedQueue();
    let release: () => void = () => {};
    const blocked = queue.run('a', () => new Promise<void>((resolve) => (release = resolve)));
    await expect(queue.run('b', async () => 'b done')).resolves.toBe('b done');
    release();
    await blocked;
  });

  it('drains only after every task started before the call has settled', async () => {
    const queue = createKeyedQueue();
    let settled = 0;
    for (const key of ['a', 'b', 'a']) void queue.run(key, async () => void settled++);
    await queue.drain();
    expect(settled).toBe(3);
  });
});
