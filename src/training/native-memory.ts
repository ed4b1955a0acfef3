/**
 * Lets the render threads give a freed image's memory back to the system at once. resvg allocates through
 * mimalloc, which gives freed memory back only once its delay (10 ms for pages, 100 ms for whole segments)
 * has passed and the thread calls mimalloc again: a thread idle after a replay would keep the replay's
 * hundreds of MB. With no delay, each free hands its pages back as it happens. That costs a page fault when
 * memory is taken again, cheap since resvg gets no font to load (pictures/text-outline.ts): with the font
 * files read again for every text, it doubled a picture's time. mimalloc reads these when a thread first
 * loads resvg, from the process environment, which a worker's process.env is only a copy of: so they are
 * set on the main thread, before the pool runs a picture. An operator's values are kept.
 */
export function returnFreedMemoryAtOnce(): void {
  process.env.MIMALLOC_PURGE_DELAY ??= '0';
  process.env.MIMALLOC_ARENA_PURGE_MULT ??= '0';
}
