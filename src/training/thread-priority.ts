import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';

/** What the pool hands each of its threads. */
export interface WorkerThreadData {
  /** The nice value the thread runs at: 0 is the event loop's own priority, 19 the lowest. */
  nice: number;
}

/**
 * Lowers the calling worker thread's CPU priority to the pool's nice value, so that on a busy machine the
 * event loop (replies) wins the CPU over trainings and pictures, which only wait a little longer. Linux
 * names a thread in /proc/thread-self and lets setpriority act on that one thread; elsewhere, or without
 * the right to, the thread keeps its priority. Returns whether the priority was set.
 */
export function lowerThreadPriority(data: unknown = workerData): boolean {
  const nice = (data as Partial<WorkerThreadData> | undefined)?.nice;
  if (typeof nice !== 'number' || nice <= 0) return false;
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isSafeInteger(threadId) || threadId <= 0) return false;
    setPriority(threadId, nice);
    return true;
  } catch {
    return false;
  }
}
