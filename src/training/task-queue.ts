import type { PiscinaTask, TaskQueue } from 'piscina';

/** The worker export that draws one picture: the task that waits least. */
export const PICTURE_TASK = 'renderPicture';

type Task = Parameters<TaskQueue['push']>[0];

/**
 * Piscina's queue, with pictures before everything else. A picture takes a few hundred milliseconds and a
 * training can take seconds, so in a class storm a picture goes to the next free thread instead of
 * waiting behind every training queued before it. Among themselves, both kinds keep their order.
 */
export function createPicturesFirstQueue(): TaskQueue {
  const pictures: Task[] = [];
  const others: Task[] = [];
  const laneOf = (task: Task): Task[] => ((task as PiscinaTask).name === PICTURE_TASK ? pictures : others);
  return {
    get size() {
      return pictures.length + others.length;
    },
    shift: () => pictures.shift() ?? others.shift() ?? null,
    push: (task) => {
      laneOf(task).push(task);
    },
    unshift: (task) => {
      laneOf(task).unshift(task);
    },
    remove: (task) => {
      const lane = laneOf(task);
      const index = lane.indexOf(task);
      if (index >= 0) lane.splice(index, 1);
    },
  };
}
