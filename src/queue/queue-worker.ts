import { type Job, Worker } from 'bullmq';
import type { Logger } from '../config/logger.js';
import type { TrainProgress } from '../core/train-types.js';
import type { PictureInput, ReplayInput } from '../pictures/picture-types.js';
import type { PictureRenderer } from '../training/picture-renderer.js';
import type { TrainingExecutor, TrainingJob } from '../training/training-runner.js';
import { decodeJob, encodeJob } from './job-codec.js';
import { botKeys, JOB, KEY_TTL_MS, keyOfJobName, WORK_QUEUE } from './queue-keys.js';
import { openRedis, reachRedis, redisOptions } from './redis-options.js';
import { resultKey, type WorkData } from './work-data.js';

export interface QueueWorkerOptions {
  redisUrl: string;
  prefix: string;
  /** A job whose worker stops renewing its lock runs again elsewhere after about this long. */
  stalledSeconds: number;
  /** Jobs run at once: the pool's threads. */
  concurrency: number;
  /** The kernels and the pool, exactly as a bot without Redis runs them. */
  executor: TrainingExecutor;
  pictures: PictureRenderer;
  /** How long ready() waits for Redis to answer at start. */
  connectMs: number;
  logger: Logger;
}

export interface QueueWorker {
  /** Resolves once connected and taking jobs. */
  ready(): Promise<void>;
  /** Takes no new job; waits for those under way at most `graceMs`, then leaves them to other workers. */
  close(graceMs: number): Promise<void>;
  /** Jobs under way here. */
  size(): number;
}

/** Pictures wait a little for their asker; ten minutes is far longer. */
const PICTURE_RESULT_TTL_MS = 10 * 60 * 1000;
/** Times a job may lose its worker (killed, or a machine gone) before it fails for good. */
const MAX_STALLED = 3;

/**
 * Takes jobs from the work queue and runs them on the executor and the picture renderer. A Stop pressed on
 * any instance arrives on a Redis channel (and stays in a key, for a job not picked up yet) and aborts the
 * training here, which returns the weights reached, as a Stop does without Redis.
 */
export function createQueueWorker(options: QueueWorkerOptions): QueueWorker {
  const { prefix, logger } = options;
  const keys = botKeys(prefix);
  const redis = openRedis(options.redisUrl);
  const subscriber = openRedis(options.redisUrl);
  const running = new Map<string, AbortController>();
  redis.on('error', (error) => logger.warn({ err: error }, 'the Redis connection failed'));
  subscriber.on('error', (error) => logger.warn({ err: error }, 'the Redis subscription failed'));
  subscriber.on('message', (_channel: string, jobId: string) => running.get(jobId)?.abort());

  const train = async (job: Job<WorkData>, signal: AbortSignal | undefined): Promise<void> => {
    const id = job.id ?? '';
    const { job: training } = decodeJob<{ job: TrainingJob }>(job.data.payload);
    const controller = new AbortController();
    running.set(id, controller);
    signal?.addEventListener('abort', () => controller.abort(), { once: true });
    try {
      if ((await redis.exists(keys.stop(id))) === 1) controller.abort();
      const onProgress = (progress: TrainProgress) => {
        job.updateProgress({ p: encodeJob(progress) }).catch(() => undefined);
      };
      const outcome = await options.executor(training, { signal: controller.signal, onProgress });
      await redis.set(resultKey(prefix, id), encodeJob(outcome), 'PX', KEY_TTL_MS);
    } finally {
      running.delete(id);
    }
  };

  const draw = async (job: Job<WorkData>): Promise<void> => {
    const input = decodeJob<PictureInput & ReplayInput>(job.data.payload);
    const made =
      job.name === JOB.replay ? await options.pictures.replay(input) : await options.pictures.picture(input);
    await redis.set(resultKey(prefix, job.id ?? ''), encodeJob(made), 'PX', PICTURE_RESULT_TTL_MS);
  };

  const stalledMs = options.stalledSeconds * 1000;
  const worker = new Worker<WorkData>(
    WORK_QUEUE,
    async (job, _token, signal) => {
      const started = performance.now();
      const kind = keyOfJobName(job.name) === undefined ? job.name : JOB.train;
      logger.info({ jobId: job.id, kind, attempt: job.attemptsStarted }, 'a job started');
      if (kind === JOB.train) await train(job, signal);
      else if (kind === JOB.picture || kind === JOB.replay) await draw(job);
      else throw new Error(`unknown job ${job.name}`);
      logger.info({ jobId: job.id, kind, ms: Math.round(performance.now() - started) }, 'a job done');
      return 'done';
    },
    {
      connection: redisOptions(options.redisUrl),
      prefix,
      concurrency: options.concurrency,
      autorun: false,
      lockDuration: stalledMs,
      stalledInterval: stalledMs,
      maxStalledCount: MAX_STALLED,
    },
  );
  worker.on('error', (error) => logger.warn({ err: error }, 'the worker lost Redis'));
  worker.on('failed', (job, error) => logger.error({ err: error, jobId: job?.id }, 'a job failed'));

  return {
    async ready() {
      await reachRedis(redis, options.redisUrl, options.connectMs);
      await subscriber.subscribe(keys.stopChannel);
      void worker.run();
      await worker.waitUntilReady();
    },
    async close(graceMs) {
      const closing = worker.close();
      const timer = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([closing, timer]);
      subscriber.disconnect();
      redis.disconnect();
    },
    size: () => running.size,
  };
}
