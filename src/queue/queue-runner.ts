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
  /** Told, for each job this instance queued, how long it waited before a worker first took it. */
  onWaited?: (seconds: number) => void;
  /** Told the outcome of each training this instance queued, once a worker returned it. */
  onTrained?: (outcome: TrainingOutcome) => void;
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
  /**
   * Who tells a member that a comparison was cut off, its instance gone before its table was sent (set
   * once, at start); given the comparison's note (see describeComparison). Called once per comparison.
   */
  onComparisonCutOff(report: (note: unknown) => Promise<void>): void;
  /** Owner keys with a training queued, running, or finished and not yet delivered, on any instance. */
  pendingKeys(): Promise<Set<string>>;
  /**
   * Of these trainings (by the id start() handed out), those nobody will finish: the instance that queued
   * it is gone, and the queue holds it neither waiting nor running nor finished with its result undelivered
   * (or being delivered by a live instance). Asked straight of Redis, not of this instance's events.
   */
  abandoned(ids: readonly string[]): Promise<Set<string>>;
  /** Jobs of every instance waiting for a worker, asked of Redis. */
  waitingJobs(): Promise<number>;
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
}

/** How a job left the queue. */
type Finish = 'completed' | 'failed' | 'removed';
/** What a result's claim becomes once the result is sent. */
const SENT = 'sent';
/** Sets the claim to `ARGV[2]` only while `ARGV[1]` (an instance found gone) holds it. */
const TAKE_OVER = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;
/** Job states in which a training is still to run or running. */
const UNDER_WAY = new Set(['waiting', 'active', 'prioritized', 'delayed', 'waiting-children']);

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
  /**
   * Who waits for which job to leave the queue: one set of listeners for all of them (BullMQ's own
   * waitUntilFinished adds listeners per job, on the queue too, and keeps them while a removed job never ends).
   */
  const waiters = new Map<string, Set<(finish: Finish) => void>>();
  /** Jobs this instance queued that no worker took yet: their wait is told to onWaited once taken. */
  const unstarted = new Set<string>();
  let shuttingDown = false;
  let deliver: ((handover: Handover) => Promise<void>) | undefined;
  let reportCutOff: ((note: unknown) => Promise<void>) | undefined;
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
  const settle = (jobId: string, finish: Finish) => {
    const waiting = waiters.get(jobId);
    if (!waiting) return;
    waiters.delete(jobId);
    for (const resolve of waiting) resolve(finish);
  };
  /** Resolves when the job leaves the queue (at once when it already has): completed, failed or removed. */
  const finishOf = async (jobId: string): Promise<Finish> => {
    const finished = new Promise<Finish>((resolve) => {
      const waiting = waiters.get(jobId) ?? new Set();
      waiting.add(resolve);
      waiters.set(jobId, waiting);
    });
    // Asked after listening: an end before it shows here, one after it comes as an event.
    const state = await queue.getJobState(jobId);
    if (state === 'completed' || state === 'failed') settle(jobId, state);
    else if (state === 'unknown') settle(jobId, 'removed');
    return finished;
  };
  /** The job's result once it completed; a failed or removed job's end as an error. */
  const resultOf = async <T>(jobId: string, remove: boolean): Promise<T> => {
    const finish = await finishOf(jobId);
    if (finish !== 'completed') throw new Error(`job ${jobId} ${finish === 'failed' ? 'failed' : 'is gone'}`);
    return takeResult<T>(jobId, remove);
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
    events.on('active', ({ jobId }) => {
      if (unstarted.delete(jobId)) void reportWait(jobId);
    });
    events.on('completed', ({ jobId }) => {
      forgetRunning(jobId);
      settle(jobId, 'completed');
      if (!byJob.has(jobId)) void considerHandover(jobId);
    });
    events.on('failed', ({ jobId }) => {
      forgetRunning(jobId);
      settle(jobId, 'failed');
    });
    events.on('removed', ({ jobId }) => {
      forgetRunning(jobId);
      settle(jobId, 'removed');
    });
    events.on('error', (error) => logger.warn({ err: error }, 'the queue events connection failed'));
    return events;
  }

  /** The job's wait, from its own times in Redis: added, and first taken by a worker. */
  async function reportWait(jobId: string): Promise<void> {
    try {
      const job = await Job.fromId(queue, jobId);
      if (job?.processedOn) options.onWaited?.(Math.max(0, job.processedOn - job.timestamp) / 1000);
    } catch (error) {
      logger.debug({ err: error, jobId }, "could not read a job's wait");
    }
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
    // Read before it goes: its result (the weights it was given) may fall to another instance to send.
    const found = await Job.fromId<WorkData>(queue, jobId).catch(() => undefined);
    const removed = await queue.remove(jobId).catch(() => 0);
    if (removed !== 1) return;
    settle(jobId, 'removed');
    if (found && keyOfJobName(found.name) !== undefined && (await redis.exists(keys.note(jobId))) === 1) {
      const entry = JSON.stringify({ name: found.name, payload: found.data.payload });
      await redis
        .multi()
        .hset(keys.stoppedUnstarted, jobId, entry)
        .pexpire(keys.stoppedUnstarted, KEY_TTL_MS)
        .exec();
    }
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
    // Before the job exists: whoever finds the job also finds who answers for it.
    await redis.set(keys.origin(local.id), instanceId, 'PX', KEY_TTL_MS);
    // Before the add: a worker may take the job before the add's answer comes.
    unstarted.add(local.id);
    const added = await queue
      .add(trainingJobName(local.key), data, {
        jobId: local.id,
        deduplication: { id: ownerDedupId(local.key) },
        priority: PRIORITY.training,
        ...KEEP,
      })
      .catch((error: unknown) => {
        unstarted.delete(local.id);
        throw error;
      });
    local.markQueued();
    local.jobId = added.id ?? local.id;
    if (local.jobId !== local.id) {
      jobIdOf.set(local.id, local.jobId);
      unstarted.delete(local.id);
    }
    byJob.set(local.jobId, local);
    local.added = true;
    const finished = finishOf(local.jobId);
    if (local.stopAsked) await signalStop(local.jobId);
    const finish = await finished;
    if (finish === 'removed') return unstartedOutcome(job);
    if (finish === 'failed') throw new Error(`training job ${local.jobId} failed`);
    const outcome = await takeResult<TrainingOutcome>(local.jobId, false);
    if (!jobIdOf.has(local.id)) options.onTrained?.(outcome);
    return outcome;
  };

  const runWork = async <T>(name: string, input: unknown): Promise<T> => {
    const data: WorkData = { payload: encodeJob(input) };
    const jobId = newJobId();
    unstarted.add(jobId);
    try {
      await queue.add(name, data, {
        jobId,
        priority: PRIORITY.picture,
        removeOnComplete: { age: 600 },
        removeOnFail: { age: 3600 },
      });
      return await resultOf<T>(jobId, true);
    } finally {
      unstarted.delete(jobId);
    }
  };

  const claim = async (jobId: string): Promise<boolean> =>
    (await redis.set(keys.sent(jobId), instanceId, 'PX', KEY_TTL_MS, 'NX')) === 'OK';
  /** Takes over the sending of a result from an instance that claimed it and died before it was sent. */
  const claimFrom = async (jobId: string, gone: string): Promise<boolean> =>
    (await redis.eval(TAKE_OVER, 1, keys.sent(jobId), gone, instanceId, KEY_TTL_MS)) === 1;
  /** The result is sent: nobody sends it again, and it leaves Redis. */
  const markSent = async (jobId: string): Promise<void> => {
    await redis.set(keys.sent(jobId), SENT, 'PX', KEY_TTL_MS);
    await redis.del(resultKey(prefix, jobId));
  };
  const alive = async (instance: string | null): Promise<boolean> =>
    instance !== null && (await redis.exists(keys.instance(instance))) === 1;
  /**
   * Takes over what `origin` set out to send (a result, a notice) once it is gone: claimed afresh when
   * nobody claimed it yet, or taken from `claimer` when the instance that claimed it died before sending.
   * False while it stays another live instance's, or this one's own.
   */
  const takeOverFromGone = async (id: string, origin: string, claimer: string | null): Promise<boolean> => {
    if (claimer === null) return origin !== instanceId && !(await alive(origin)) && (await claim(id));
    return claimer !== instanceId && !(await alive(claimer)) && (await claimFrom(id, claimer));
  };

  /**
   * Delivers a finished training's result when the instance that queued it is gone, or (`claimedBy`) when
   * the instance that set out to send it died before it was sent.
   */
  async function considerHandover(jobId: string, claimedBy?: string): Promise<void> {
    try {
      if (!deliver || byJob.has(jobId)) return;
      const noteText = await redis.get(keys.note(jobId));
      if (noteText === null || (await redis.get(keys.sent(jobId))) !== (claimedBy ?? null)) return;
      const found = await Job.fromId(queue, jobId);
      const key = found && keyOfJobName(found.name);
      if (!found || key === undefined) return;
      const data = decodeJob<{ job: TrainingJob; origin: string }>((found.data as WorkData).payload);
      if (!(await takeOverFromGone(jobId, data.origin, claimedBy ?? null))) return;
      const outcome = await takeResult<TrainingOutcome>(jobId, false);
      logger.info({ jobId, claimedBy }, 'delivering a result whose instance is gone');
      await deliver({ jobId, key, job: data.job, outcome, note: JSON.parse(noteText) as unknown });
      await markSent(jobId);
    } catch (error) {
      logger.error({ err: error, jobId }, 'could not deliver a result whose instance is gone');
    }
  }

  /**
   * Goes through a hash of things instances set out to send, by id: one already sent leaves the hash, one
   * this instance claimed is its own, and `take` is given the others (a failure is logged, the rest go on).
   */
  async function sweepEntries(
    hash: string,
    failure: string,
    take: (id: string, text: string, claimer: string | null) => Promise<void>,
  ): Promise<void> {
    const entries = await redis.hgetall(hash);
    for (const [id, text] of Object.entries(entries)) {
      try {
        const claimer = await redis.get(keys.sent(id));
        if (claimer === SENT) await redis.hdel(hash, id);
        else if (claimer !== instanceId) await take(id, text, claimer);
      } catch (error) {
        logger.error({ err: error, id }, failure);
      }
    }
  }

  /**
   * Trainings a Stop took out of the queue before they started: the instance that queued one sends its
   * result; once it is gone (or the one that claimed the result died before sending it), this one does.
   */
  const sweepStoppedUnstarted = () =>
    sweepEntries(
      keys.stoppedUnstarted,
      'could not deliver a stopped result whose instance is gone',
      async (jobId, text, claimer) => {
        const noteText = await redis.get(keys.note(jobId));
        if (noteText === null) return void (await redis.hdel(keys.stoppedUnstarted, jobId));
        const { name, payload } = JSON.parse(text) as { name: string; payload: string };
        const key = keyOfJobName(name);
        const data = decodeJob<{ job: TrainingJob; origin: string }>(payload);
        if (!deliver || key === undefined || !(await takeOverFromGone(jobId, data.origin, claimer))) return;
        logger.info({ jobId, claimedBy: claimer }, 'delivering a stopped result whose instance is gone');
        const outcome = unstartedOutcome(data.job);
        await deliver({ jobId, key, job: data.job, outcome, note: JSON.parse(noteText) as unknown });
        await markSent(jobId);
        await redis.hdel(keys.stoppedUnstarted, jobId);
      },
    );

  /**
   * Comparisons whose instance is gone before their table was sent (or whose claimer died before sending
   * it): this one tells the member, once. A comparison's table is sent by its own instance or by nobody.
   */
  const sweepComparisons = () =>
    sweepEntries(
      keys.comparisons,
      'could not report a comparison whose instance is gone',
      async (id, text, claimer) => {
        const { origin, note } = JSON.parse(text) as { origin: string; note: unknown };
        if (!reportCutOff || !(await takeOverFromGone(id, origin, claimer))) return;
        logger.info({ comparison: id, claimedBy: claimer }, 'reporting a comparison whose instance is gone');
        await reportCutOff(note);
        await markSent(id);
        await redis.hdel(keys.comparisons, id);
      },
    );

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
    await sweepStoppedUnstarted();
    await sweepComparisons();
    const ids = await queue.getRanges(['completed'], 0, SWEPT_JOBS - 1);
    if (ids.length === 0) return;
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.exists(keys.note(id)).get(keys.sent(id));
    const answers = (await pipeline.exec()) ?? [];
    for (const [i, id] of ids.entries()) {
      const noted = answers[2 * i]?.[1] === 1;
      const claimer = answers[2 * i + 1]?.[1] as string | null | undefined;
      if (!noted || claimer === undefined || claimer === SENT || claimer === instanceId) continue;
      if (claimer === null) await considerHandover(id);
      else if (!(await alive(claimer))) await considerHandover(id, claimer);
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
    onComparisonCutOff(handler) {
      reportCutOff = handler;
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
        unstarted.delete(local.jobId);
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
          return resultOf<TrainingOutcome>(jobId, false);
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
      const claimed = await claim(jobId);
      if (!claimed) jobIdOf.delete(id);
      return claimed;
    },
    async resultSent(id) {
      const jobId = jobIdOf.get(id) ?? id;
      jobIdOf.delete(id);
      await markSent(jobId);
    },
    async describeComparison(id, note) {
      await redis
        .multi()
        .hset(keys.comparisons, id, JSON.stringify({ origin: instanceId, note }))
        .pexpire(keys.comparisons, KEY_TTL_MS)
        .exec();
    },
    claimComparison: (id) => claim(id),
    async comparisonSent(id) {
      await markSent(id);
      await redis.hdel(keys.comparisons, id);
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
    async abandoned(ids) {
      const over = new Set<string>();
      for (const id of ids) {
        // The instance that queued it finishes it (its result, or a failure), whatever the queue says.
        if (await alive(await redis.get(keys.origin(id)))) continue;
        const state = await queue.getJobState(id);
        if (UNDER_WAY.has(state)) continue;
        // Completed and not yet sent: a live instance sends it (another's, should its sender be gone).
        if (state === 'completed' && (await redis.get(keys.sent(id))) !== SENT) continue;
        // Stopped before it started, its result not yet sent: likewise.
        if (
          state === 'unknown' &&
          (await redis.hexists(keys.stoppedUnstarted, id)) === 1 &&
          (await redis.get(keys.sent(id))) !== SENT
        )
          continue;
        over.add(id);
      }
      return over;
    },
    async waitingJobs() {
      const counts = await queue.getJobCounts('waiting', 'prioritized');
      return (counts.waiting ?? 0) + (counts.prioritized ?? 0);
    },
    ping: () => redis.ping(),
    async close() {
      for (const timer of timers) clearInterval(timer);
      for (const jobId of [...waiters.keys()]) settle(jobId, 'failed');
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
