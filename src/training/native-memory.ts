/**
 * Lets the render threads give a freed image's memory back to the system at once. resvg allocates through
 * mimalloc, which returns a freed segment only once 100 ms have passed and it frees again, so a thread idle
 * after a replay would keep the replay's hundreds of MB. Only whole segments go back at once: pages freed
 * inside a segment still wait their 10 ms, which keeps resvg's own reuse of memory cheap. mimalloc reads
 * this when a thread first loads resvg, from the process environment, which a worker's process.env is only
 * a copy of: so it is set on the main thread, before the pool runs a picture. An operator's value is kept.
 */
export function returnFreedSegmentsAtOnce(): void {
  process.env.MIMALLOC_ARENA_PURGE_MULT ??= '0';
}
