import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { findExample } from '../../src/core/examples.js';
import { createModel } from '../../src/core/model.js';
import { DEFAULT_SETTINGS, type Row } from '../../src/core/types.js';
import { type ClosableExecutor, createPoolExecutor } from '../../src/training/pool-executor.js';

const lessonRows = (findExample('lesson') as { rows: Row[] }).rows;
const NICE = 13;

/** Nice values of this process's threads, by thread id, from /proc (field 19 of each thread's stat). */
function niceByThread(): Map<number, number> {
  const threads = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    threads.set(Number(tid), Number(fields[16]));
  }
  return threads;
}

const ownThread = () => Number(readlinkSync('/proc/thread-self').split('/').pop());

describe('worker threads at a lower CPU priority', () => {
  const executors: ClosableExecutor[] = [];
  afterAll(() => Promise.all(executors.map((executor) => executor.close())));

  it("runs the pool's threads at the nice value asked, and leaves the calling thread's as it was", async () => {
    const before = niceByThread().get(ownThread());
    const executor = createPoolExecutor({ threads: 1, nice: NICE });
    executors.push(executor);
    const model = createModel(DEFAULT_SETTINGS, 3);
    const outcome = await executor(
      { model, rows: lessonRows, epochs: 100 },
      { signal: new AbortController().signal, onProgress: () => {} },
    );
    expect(outcome.model.epochsTrained).toBe(100);
    const threads = niceByThread();
    // The worker's thread, and any thread it starts (which inherits its priority).
    expect([...threads.values()].filter((nice) => nice === NICE).length).toBeGreaterThanOrEqual(1);
    expect(threads.get(ownThread())).toBe(before);
  });
});
