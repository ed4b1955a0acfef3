import { Queue, Worker } from 'bullmq';
import type { Logger } from '../config/logger.js';
import { settlesWithin } from './close-within.js';
import { DEADLINE_QUEUE } from './queue-keys.js';
import { redisOptions } from './redis-options.js';

/** Exercise deadlines as delayed jobs: each fires once, on whichever instance is up then. */
export interface DeadlineJobs {
  /** Ends `runId` in `chatId` at `at`; asking again for the same run changes nothing. */
  schedule(chatId: number, runId: string, at: number): void;
  /** Starts running the deadlines that come due here. */
  ready(end: (chatId: number, runId: string) => Promise<unknown>): Promise<void>;
  close(): Promise<void>;
}

/** A fired deadline's job stays a day, so that an instance starting meanwhile does not add it again. */
const KEEP_SECONDS = 24 * 60 * 60;

/** The job's id: one per group and run, and no `:` in it. */
export const deadlineJobId = (chatId: number, runId: string): string =>
  `deadline_${chatId}_${runId.replace(/[^\w-]/g, '_')}`;

export function createDeadlineJobs(options: {
  redisUrl: string;
  prefix: string;
  logger: Logger;
}): DeadlineJobs {
  const { prefix, logger } = options;
  const connection = redisOptions(options.redisUrl);
  const queue = new Queue(DEADLINE_QUEUE, { connection, prefix });
  queue.on('error', (error) => logger.warn({ err: error }, 'the deadline queue lost Redis'));
  let worker: Worker | undefined;
  return {
    schedule(chatId, runId, at) {
      const job = queue.add(
        'deadline',
        { chatId, runId },
        {
          jobId: deadlineJobId(chatId, runId),
          delay: Math.max(0, at - Date.now()),
          removeOnComplete: { age: KEEP_SECONDS },
          removeOnFail: { age: KEEP_SECONDS },
          attempts: 3,
          backoff: { type: 'fixed', delay: 1000 },
        },
      );
      job.catch((error: unknown) => logger.error({ err: error, chatId }, 'could not queue a deadline'));
    },
    async ready(end) {
      worker = new Worker<{ chatId: number; runId: string }>(
        DEADLINE_QUEUE,
        async (job) => {
          await end(job.data.chatId, job.data.runId);
        },
        { connection, prefix, concurrency: 4, autorun: false },
      );
      worker.on('error', (error) => logger.warn({ err: error }, 'the deadline worker lost Redis'));
      worker.on('failed', (job, error) => logger.error({ err: error, jobId: job?.id }, 'a deadline failed'));
      void worker.run();
      await worker.waitUntilReady();
    },
    async close() {
      if (await settlesWithin(Promise.allSettled([worker?.close(), queue.close()]))) return;
      logger.warn('the deadline queue did not close in time; its connections are dropped');
      await settlesWithin(Promise.allSettled([worker?.close(true), queue.disconnect()]));
    },
  };
}
