import { randomBytes } from 'node:crypto';
import { Job, Queue, QueueEvents } from 'bullmq';
import type { Logger } from '../config/logger.js';
import type { TrainProgress } from '../core/train-types.js';
import type { PictureInput, ReplayInput } from '../pictures/picture-types.js';
import type { PictureRenderer, RenderedPicture, RenderedReplay } from '../training/picture-renderer.js';
import type { TrainingJob, TrainingOutcome, TrainingRunner } from '../training/training-runner.js';
import { unstartedOutcome } from '../training/unstarted-outcome.js';
import { settlesWithin } from './close-within.js';
import { decodeJob, encodeJob } from './job-codec.js';
import {
  botKeys,
  JOB,
  KEY_TTL_MS,
  keyOfJobName,
  newJobId,
  ownerDedupId,
  trainingJobName,
  updateJobId,
  WORK_QUEUE,
} from './queue-keys.js';
import { openRedis, reachRedis, redisOptions } from './redis-options.js';
import { resultKey, type WorkData } from './work-data.js';

export interface QueueRunnerOptions {
  redisUrl: string;
  /** BullMQ's prefix; the bot's own keys live under it too. */
  prefix: string;
  /** How long after an instance stops renewing its presence another one delivers its results. */
  handoverSeconds: number;
  /** How long ready() waits for Redis to answer at start. */
  connectMs: number;
  logger: Logger;
}

/** A finished training whose instance is gone: what another instance needs to deliver its result. */
export interface Handover {
  jobId: string;
  /** The owner's perceptron key. */
  key: string;
  job: TrainingJob;
  outcome: TrainingOutcome;
  /** What the instance that queued it noted (see TrainingRunner.describe). */
  note: unknown;
}

/** The training runner of a bot instance when trainings run in worker processes. */
export interface QueueRunner extends TrainingRunner {
  /** Pictures and replays, drawn by the workers. */
  pictures: PictureRenderer;
  ready(): Promise<void>;
  /** Who delivers the results of trainings whose instance is gone (set once, at start). */
  onHandover(deliver: (handover: Handover) => Promise<void>): void;
  /** Owner keys with a training queued, running, or finished and not yet delivered, on any instance. */
  pendingKeys(): Promise<Set<string>>;
  /** Resolves when Redis answers. */
  ping(): Promise<unknown>;
  close(): Promise<void>;
}

interface Local {
  key: string;
  /** The id handed out (and put on the Stop button). */
  id: string;
  /** The job's id in the queue: the id handed out, unless another instance's training was there first. */
  jobId: string;
  onProgress: (progress: TrainProgress) => void;
  added: boolean;
  stopAsked: boolean;
  done?: Promise<TrainingOutcome>;
  /** Settles once the job is in the queue (or will never be: stopped first, or the add failed). */
  queued: Promise<void>;
  markQueued: () => void;
  /** Called when the job left the queue before a worker took it (a Stop on any instance removed it). */
  removed?: () => void;
}

/** Pictures go ahead of trainings (BullMQ runs a lower priority number first). */
const PRIORITY = { picture: 1, training: 2 } as const;
/** Finished jobs stay a day: long enough for an instance to deliver a result whose instance died. */
const KEEP = { removeOnComplete: { age: KEY_TTL_MS / 1000 }, removeOnFail: { age: KEY_TTL_MS / 1000 } };
/** Finished jobs looked at by each sweep for results nobody delivered. */
const SWEPT_JOBS = 500;

/**
 * Trainings, pictures and replays as BullMQ jobs run by `npm run worker` processes. One training per
 * owner across every instance (a deduplication id per owner); progress comes back through job progress
 * and QueueEvents; Stop, pressed on any instance, goes through Redis to whichever worker runs the job.
 * A result is delivered by the instance that queued it, or, once that instance is gone, by another one.
 */
export function createQueueRunner(options: QueueRunnerOptions): QueueRunner {
  const { prefix, logger } = options;
  const connection = redisOptions(options.redisUrl);
  const queue = new Queue(WORK_QUEUE, { connection, prefix });
  // Made at ready(), reading from the last event before the trainings under way are listed: none is missed.
  let events: QueueEvents | undefined;
  const redis = openRedis(options.redisUrl);
  const keys = botKeys(prefix);
  const instanceId = randomBytes(6).toString('hex');
  const handoverMs = options.handoverSeconds * 1000;
  const locals = new Map<string, Local>();
  const byJob = new Map<string, Local>();
  /** Trainings under way on every instance: owner key -> job id, kept from the queue's events. */
  const everywhere = new Map<string, string>();
  const keyOfJob = new Map<string, string>();
  /** Handed-out id -> job id, where another instance's training of the same owner was there first. */
  const jobIdOf = new Map<string, string>();
  let shuttingDown = false;
  let deliver: ((handover: Handover) => Promise<void>) | undefined;
  const timers: NodeJS.Timeout[] = [];

  const noteRunning = (key: string, jobId: string) => {
    everywhere.set(key, jobId);
    keyOfJob.set(jobId, key);
  };
  const forgetRunning = (jobId: string) => {
    const key = keyOfJob.get(jobId);
    keyOfJob.delete(jobId);
    if (key !== undefined && everywhere.get(key) === jobId) everywhere.delete(key);
  };
  /** The queue's events, which ready() opens before any job is added or waited for. */
  const openedEvents = (): QueueEvents => {
    if (!events) throw new Error('the queue runner is used before ready()');
    return events;
  };
  function listen(from: string): QueueEvents {
    events = new QueueEvents(WORK_QUEUE, { connection, prefix, autorun: false, lastEventId: from });
    events.on('added', ({ jobId, name }) => {
      const key = keyOfJobName(name);
      if (key !== undefined) noteRunning(key, jobId);
    });
    events.on('progress', ({ jobId, data }) => {
      const local = byJob.get(jobId);
      const encoded = (data as { p?: unknown } | undefined)?.p;
      if (!local || typeof encoded !== 'string') return;
      try {
        local.onProgress(decodeJob<TrainProgress>(encoded));
      } catch (error) {
        logger.warn({ err: error, jobId }, 'a progress report failed');
      }
    });
    events.on('completed', ({ jobId }) => {
      forgetRunning(jobId);
      if (!byJob.has(jobId)) void considerHandover(jobId);
    });
    events.on('failed', ({ jobId }) => forgetRunning(jobId));
    events.on('removed', ({ jobId }) => {
      forgetRunning(jobId);
      byJob.get(jobId)?.removed?.();
    });
    events.on('error', (error) => logger.warn({ err: error }, 'the queue events connection failed'));
    return events;
  }

  queue.on('error', (error) => logger.warn({ err: error }, 'the queue connection failed'));
  redis.on('error', (error) => logger.warn({ err: error }, 'the Redis connection failed'));

  /**
   * A job still waiting leaves the queue at once (its owner need not wait for a free worker); one under
   * way is told through the channel, and a worker taking it later finds the key.
   */
  const signalStop = async (jobId: string) => {
    await redis.set(keys.stop(jobId), '1', 'PX', KEY_TTL_MS);
    await redis.publish(keys.stopChannel, jobId);
    const removed = await queue.remove(jobId).catch(() => 0);
    if (removed === 1) byJob.get(jobId)?.removed?.();
  };
  const stopLocal = (local: Local) => {
    local.stopAsked = true;
    if (local.added) void signalStop(local.jobId).catch((error: unknown) => warnStop(error, local.jobId));
  };
  const warnStop = (error: unknown, jobId: string) =>
    logger.warn({ err: error, jobId }, 'could not pass a Stop on to the workers');

  const takeResult = async <T>(jobId: string, remove: boolean): Promise<T> => {
    const text = remove
      ? await redis.getdel(resultKey(prefix, jobId))
      : await redis.get(resultKey(prefix, jobId));
    if (text === null) throw new Error(`the result of job ${jobId} is gone from Redis`);
    return decodeJob<T>(text);
  };

  /** Adds a job and waits for it; its result is kept in Redis (not in BullMQ's events) until taken. */
  const runTraining = async (local: Local, job: TrainingJob): Promise<TrainingOutcome> => {
    if (local.stopAsked) return unstartedOutcome(job);
    const data: WorkData = { payload: encodeJob({ job, origin: instanceId }) };
    const added = await queue.add(trainingJobName(local.key), data, {
      jobId: local.id,
      deduplication: { id: ownerDedupId(local.key) },
      priority: PRIORITY.training,
      ...KEEP,
    });
    local.markQueued();
    local.jobId = added.id ?? local.id;
    if (local.jobId !== local.id) jobIdOf.set(local.id, local.jobId);
    byJob.set(local.jobId, local);
    local.added = true;
    const removed = new Promise<'removed'>((resolve) => {
      local.removed = () => resolve('removed');
    });
    if (local.stopAsked) await signalStop(local.jobId);
    const finished = added.waitUntilFinished(openedEvents()).then(() => 'finished' as const);
    if ((await Promise.race([finished, removed])) === 'removed') {
      finished.catch(() => undefined);
      return unstartedOutcome(job);
    }
    return takeResult<TrainingOutcome>(local.jobId, false);
  };

  const runWork = async <T>(name: string, input: unknown): Promise<T> => {
    const data: WorkData = { payload: encodeJob(input) };
    const added = await queue.add(name, data, {
      jobId: newJobId(),
      priority: PRIORITY.picture,
      removeOnComplete: { age: 600 },
      removeOnFail: { age: 3600 },
    });
    await added.waitUntilFinished(openedEvents());
    return takeResult<T>(added.id ?? '', true);
  };

  const claim = async (jobId: string): Promise<boolean> =>
    (await redis.set(keys.sent(jobId), instanceId, 'PX', KEY_TTL_MS, 'NX')) === 'OK';

  /** Delivers a finished training's result when the instance that queued it is gone. */
  async function considerHandover(jobId: string): Promise<void> {
    try {
      if (!deliver || byJob.has(jobId)) return;
      const noteText = await redis.get(keys.note(jobId));
      if (noteText === null || (await redis.exists(keys.sent(jobId))) === 1) return;
      const found = await Job.fromId(queue, jobId);
      const key = found && keyOfJobName(found.name);
      if (!found || key === undefined) return;
      const data = decodeJob<{ job: TrainingJob; origin: string }>((found.data as WorkData).payload);
      if (data.origin === instanceId || (await redis.exists(keys.instance(data.origin))) === 1) return;
      if (!(await claim(jobId))) return;
      const outcome = await takeResult<TrainingOutcome>(jobId, true);
      logger.info({ jobId }, 'delivering a result whose instance is gone');
      await deliver({ jobId, key, job: data.job, outcome, note: JSON.parse(noteText) as unknown });
    } catch (error) {
      logger.error({ err: error, jobId }, 'could not deliver a result whose instance is gone');
    }
  }

  /**
   * Trainings thought under way whose owner's deduplication id no longer names them (their end was missed
   * while the events' connection was down) are forgotten, so nobody waits for them.
   */
  async function reconcile(): Promise<void> {
    for (const [key, jobId] of [...everywhere]) {
      if (locals.has(key)) continue;
      if ((await queue.getDeduplicationJobId(ownerDedupId(key))) !== jobId) forgetRunning(jobId);
    }
  }

  /** Finished trainings nobody delivered: each sweep looks at the latest ones. */
  async function sweep(): Promise<void> {
    await reconcile();
    const ids = await queue.getRanges(['completed'], 0, SWEPT_JOBS - 1);
    if (ids.length === 0) return;
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.exists(keys.note(id)).exists(keys.sent(id));
    const answers = (await pipeline.exec()) ?? [];
    for (const [i, id] of ids.entries()) {
      const noted = answers[2 * i]?.[1] === 1;
      const sent = answers[2 * i + 1]?.[1] === 1;
      if (noted && !sent) await considerHandover(id);
    }
  }

  const heartbeat = () =>
    redis.set(keys.instance(instanceId), '1', 'PX', handoverMs).catch((error: unknown) => {
      logger.warn({ err: error }, 'could not renew this instance in Redis');
    });

  const pictures: PictureRenderer = {
    picture: (input: PictureInput) => runWork<RenderedPicture>(JOB.picture, input),
    replay: (input: ReplayInput) => runWork<RenderedReplay>(JOB.replay, input),
  };

  return {
    pictures,
    get shuttingDown() {
      return shuttingDown;
    },
    async ready() {
      await reachRedis(redis, options.redisUrl, options.connectMs);
      await heartbeat();
      const last = await redis.xrevrange(`${prefix}:${WORK_QUEUE}:events`, '+', '-', 'COUNT', 1);
      const ids = await queue.getRanges(['active', 'waiting', 'prioritized', 'delayed']);
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hget(`${prefix}:${WORK_QUEUE}:${id}`, 'name');
      const names = (await pipeline.exec()) ?? [];
      for (const [i, id] of ids.entries()) {
        const key = keyOfJobName(String(names[i]?.[1] ?? ''));
        if (key !== undefined) noteRunning(key, id);
      }
      // The events since `last` follow: a training that ended meanwhile is forgotten again.
      const listening = listen(last[0]?.[0] ?? '0-0');
      void listening.run();
      await listening.waitUntilReady();
      timers.push(setInterval(() => void heartbeat(), Math.max(100, handoverMs / 3)));
      const sweeping = setInterval(() => {
        void sweep().catch((error: unknown) => logger.warn({ err: error }, 'could not sweep for results'));
      }, handoverMs);
      timers.push(sweeping);
      for (const timer of timers) timer.unref();
    },
    onHandover(handler) {
      deliver = handler;
    },
    start(key, job, onProgress, asked) {
      if (locals.has(key)) throw new Error(`training already running for ${key}`);
      const id = asked ? updateJobId(asked.updateId) : newJobId();
      let markQueued = () => {};
      const queued = new Promise<void>((resolve) => {
        markQueued = resolve;
      });
      const local: Local = {
        key,
        id,
        jobId: id,
        onProgress,
        added: false,
        stopAsked: shuttingDown,
        queued,
        markQueued,
      };
      locals.set(key, local);
      byJob.set(id, local);
      const done = runTraining(local, job).finally(() => {
        if (locals.get(key) === local) locals.delete(key);
        byJob.delete(local.id);
        byJob.delete(local.jobId);
        forgetRunning(local.jobId);
        local.markQueued();
      });
      local.done = done;
      return { id, done, queued };
    },
    running(key) {
      const local = locals.get(key);
      if (local) return { id: local.id, done: local.done ?? Promise.reject(new Error('no training')) };
      const jobId = everywhere.get(key);
      if (jobId === undefined) return undefined;
      return {
        id: jobId,
        get done() {
          return Job.fromId(queue, jobId).then(async (found) => {
            if (!found) throw new Error(`job ${jobId} is gone`);
            await found.waitUntilFinished(openedEvents());
            return takeResult<TrainingOutcome>(jobId, false);
          });
        },
      };
    },
    stop(key, id) {
      const local = locals.get(key);
      if (local && (id === undefined || id === local.id || id === local.jobId)) {
        stopLocal(local);
        return true;
      }
      const jobId = everywhere.get(key);
      if (jobId === undefined || (id !== undefined && id !== jobId)) return false;
      void signalStop(jobId).catch((error: unknown) => warnStop(error, jobId));
      return true;
    },
    async stopAll() {
      shuttingDown = true;
      const all = [...locals.values()];
      for (const local of all) stopLocal(local);
      await Promise.allSettled(all.map((local) => local.done));
    },
    size: () => locals.size,
    describe(id, note) {
      const jobId = jobIdOf.get(id) ?? id;
      void redis
        .set(keys.note(jobId), JSON.stringify(note), 'PX', KEY_TTL_MS)
        .catch((error: unknown) => logger.warn({ err: error, jobId }, 'could not note a training'));
    },
    async claimResult(id) {
      const jobId = jobIdOf.get(id) ?? id;
      jobIdOf.delete(id);
      const claimed = await claim(jobId);
      if (claimed) await redis.del(resultKey(prefix, jobId));
      return claimed;
    },
    async startedBy(updateId) {
      return (await queue.getJobState(updateJobId(updateId))) !== 'unknown';
    },
    async pendingKeys() {
      const pending = new Set(everywhere.keys());
      const ids = await queue.getRanges(['completed'], 0, SWEPT_JOBS - 1);
      for (const id of ids) {
        if ((await redis.exists(keys.sent(id))) === 1) continue;
        const name = await redis.hget(`${prefix}:${WORK_QUEUE}:${id}`, 'name');
        const key = keyOfJobName(name ?? '');
        if (key !== undefined) pending.add(key);
      }
      return pending;
    },
    ping: () => redis.ping(),
    async close() {
      for (const timer of timers) clearInterval(timer);
      await redis.del(keys.instance(instanceId)).catch(() => undefined);
      if (!(await settlesWithin(Promise.allSettled([events?.close(), queue.close()])))) {
        logger.warn('the work queue did not close in time; its connections are dropped');
        events?.disconnect().catch(() => undefined);
        queue.disconnect().catch(() => undefined);
      }
      redis.disconnect();
    },
  };
}
