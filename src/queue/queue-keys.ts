import { randomBytes } from 'node:crypto';

/** The one queue of CPU work: trainings, pictures and replays, run by `npm run worker`. */
export const WORK_QUEUE = 'work';
/** Exercise deadlines, run by the bot's instances (ending an exercise speaks to Telegram). */
export const DEADLINE_QUEUE = 'deadlines';

/** Job names; a training's name carries its owner's key, so every instance learns whose it is. */
export const JOB = { train: 'train', picture: 'picture', replay: 'replay' } as const;

const TRAIN_PREFIX = `${JOB.train}|`;
export const trainingJobName = (key: string): string => `${TRAIN_PREFIX}${key}`;
/** The owner's key of a training job's name, or undefined for other jobs. */
export const keyOfJobName = (name: string): string | undefined =>
  name.startsWith(TRAIN_PREFIX) ? name.slice(TRAIN_PREFIX.length) : undefined;

/** A job id: `j` and 12 hex digits, short enough for a button's data; never all digits, which BullMQ refuses as an id, nor a `:`. */
export const newJobId = (): string => `j${randomBytes(6).toString('hex')}`;

/** The job id of the training an update asked for: the same update handled again finds its job. */
export const updateJobId = (updateId: number): string => `u${updateId}`;

/** The deduplication id of a member's trainings (one at a time across every instance); no `:` in it. */
export const ownerDedupId = (key: string): string => `owner-${Buffer.from(key).toString('base64url')}`;

/** The keys the bot keeps beside BullMQ's, under the same prefix. */
export function botKeys(prefix: string) {
  const base = `${prefix}:bot`;
  return {
    /** Set when Stop was pressed for a job: a worker that picks it up later skips it. */
    stop: (jobId: string) => `${base}:stop:${jobId}`,
    /** Published with a job id when Stop is pressed: the worker running it aborts it. */
    stopChannel: `${base}:stop-channel`,
    /** Set (NX) by whoever sends a training's result, before sending: one result per training. */
    sent: (jobId: string) => `${base}:sent:${jobId}`,
    /** The instance that queued a training: while it lives, it finishes the training. */
    origin: (jobId: string) => `${base}:origin:${jobId}`,
    /** What another instance needs to deliver a result whose instance is gone. */
    note: (jobId: string) => `${base}:note:${jobId}`,
    /**
     * Trainings a Stop took out of the queue before any worker took them, by job id (their job's name and
     * payload): should the instance that queued one be gone, another one sends its result.
     */
    stoppedUnstarted: `${base}:stopped-unstarted`,
    /**
     * Comparisons under way, by id (the instance that runs them and their note): should that instance be
     * gone before the comparison's table is sent, another one tells the member it was cut off.
     */
    comparisons: `${base}:comparisons`,
    /** Present while an instance lives; it expires a little after the instance stops renewing it. */
    instance: (id: string) => `${base}:instance:${id}`,
    /** Present for the interval after a group's board was edited, by whichever instance. */
    board: (chatId: number) => `${base}:board:${chatId}`,
  };
}

/** How long the bot's own keys live: a day is longer than any training and its delivery. */
export const KEY_TTL_MS = 24 * 60 * 60 * 1000;
