import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePicture } from '../../src/bot/kit/render/picture-input.js';
import { abandonedTrainings, type TrainingMessage } from '../../src/bot/training/training-messages.js';
import { createLogger } from '../../src/config/logger.js';
import { findExample } from '../../src/core/examples.js';
import { createModel } from '../../src/core/model.js';
import type { TrainProgress } from '../../src/core/train-types.js';
import { DEFAULT_SETTINGS } from '../../src/core/types.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { createBoardGate } from '../../src/queue/board-gate.js';
import { createDeadlineJobs } from '../../src/queue/deadline-jobs.js';
import { createQueueRunner, type Handover, type QueueRunner } from '../../src/queue/queue-runner.js';
import { createQueueWorker, type QueueWorker } from '../../src/queue/queue-worker.js';
import { createExecutor } from '../../src/training/choose-executor.js';
import { createPoolRenderer } from '../../src/training/picture-renderer.js';
import type { ClosableExecutor } from '../../src/training/pool-executor.js';
import { runComparison } from '../../src/training/run-comparison.js';
import { createTrainingRunner, type TrainingJob } from '../../src/training/training-runner.js';
import { createPictureCases, createWideRows } from '../helpers/picture-cases.js';
import { createTestRedis, type TestRedis } from '../helpers/test-redis.js';

const logger = createLogger({ level: 'silent' });
const lessonRows = (findExample('lesson')?.rows ?? []).map((row) => ({ ...row, inputs: [...row.inputs] }));
const lessonJob: TrainingJob = { model: createModel(DEFAULT_SETTINGS, 3), rows: lessonRows, epochs: 20_000 };
/**
 * 60 rows of 32 inputs for a hundred million epochs: far longer than any test waits (a million took under
 * 2 s on a worker, less than some tests wait after an instance's close), so it ends by a Stop.
 */
const wide = createWideRows();
const longJob: TrainingJob = { model: createModel(DEFAULT_SETTINGS, 32), rows: wide, epochs: 100_000_000 };

let testRedis: TestRedis;
let executor: ClosableExecutor;
let worker: QueueWorker;
const runners: QueueRunner[] = [];

async function instance(handoverSeconds = 1): Promise<QueueRunner> {
  const runner = createQueueRunner({
    redisUrl: testRedis.url,
    prefix: testRedis.prefix,
    handoverSeconds,
    connectMs: 5000,
    logger,
  });
  runners.push(runner);
  await runner.ready();
  return runner;
}

/** The notes of the comparisons that these instances report cut off, in the order they report them. */
function cutOffReports(...others: QueueRunner[]): unknown[] {
  const reported: unknown[] = [];
  for (const other of others)
    other.onComparisonCutOff(async (note) => {
      reported.push(note);
    });
  return reported;
}

const firstProgress = () => {
  let reached: (progress: TrainProgress) => void = () => {};
  const progressed = new Promise<TrainProgress>((resolve) => {
    reached = resolve;
  });
  return { progressed, onProgress: (progress: TrainProgress) => reached(progress) };
};

async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const ends = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > ends) throw new Error(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

beforeAll(async () => {
  testRedis = await createTestRedis();
  executor = createExecutor({ threads: 2 });
  worker = createQueueWorker({
    redisUrl: testRedis.url,
    prefix: testRedis.prefix,
    stalledSeconds: 5,
    concurrency: 2,
    executor,
    pictures: createPoolRenderer(executor.pool),
    connectMs: 5000,
    logger,
  });
  await worker.ready();
});

afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.close()));
  await worker?.close(1000);
  await executor?.close();
  await testRedis?.drop();
});

describe('trainings through the queue', () => {
  it('end where the same training ends in process, progress included', async () => {
    const runner = await instance();
    const progress: TrainProgress[] = [];
    const queued = await runner.start('lesson-owner', lessonJob, (p) => progress.push(p)).done;
    const here = await createTrainingRunner(executor).start('x', lessonJob, () => {}).done;
    const { elapsedMs: _a, ...queuedRest } = queued;
    const { elapsedMs: _b, ...hereRest } = here;
    expect(queuedRest).toEqual(hereRest);
    expect(queued.epochsRun).toBe(20_000);
    expect(queued.model.weights.map((w) => w.toFixed(5))).toEqual(['10.38041', '-0.20641', '-4.98452']);
    expect(runner.running('lesson-owner')).toBeUndefined();
  });

  it('stop on any instance: the worker returns the weights reached', async () => {
    const [a, b] = [await instance(), await instance()];
    const { progressed, onProgress } = firstProgress();
    const started = a.start('stop-owner', longJob, onProgress);
    await progressed;
    await until(() => b.running('stop-owner') !== undefined, 'the other instance knows the training');
    expect(b.running('stop-owner')?.id).toBe(started.id);
    expect(b.stop('stop-owner', 'some-other-id')).toBe(false);
    expect(b.stop('stop-owner', started.id)).toBe(true);
    const outcome = await started.done;
    expect(outcome.stopped).toBe(true);
    expect(outcome.epochsRun).toBeGreaterThan(0);
    expect(outcome.epochsRun).toBeLessThan(longJob.epochs);
    expect(outcome.model.weights).not.toEqual(longJob.model.weights);
    await until(() => b.running('stop-owner') === undefined, 'the other instance forgets it');
  });

  it('run one training per owner across instances, and its result is claimed once', async () => {
    const [a, b] = [await instance(), await instance()];
    const { progressed, onProgress } = firstProgress();
    const first = a.start('one-owner', longJob, onProgress);
    await progressed;
    const second = b.start('one-owner', lessonJob, () => {});
    expect(a.stop('one-owner')).toBe(true);
    const [one, two] = await Promise.all([first.done, second.done]);
    // The second asked while the first ran: it waited for that one and got its outcome.
    expect(two).toEqual(one);
    expect(one.model.inputs).toBe(32);
    const claims = await Promise.all([a.claimResult?.(first.id), b.claimResult?.(second.id)]);
    expect(claims).toEqual([true, false]);
  });

  it('a stopped queued training that no worker took yet is skipped with its weights unchanged', async () => {
    const runner = await instance();
    const starts = ['q1', 'q2', 'q3'].map((key) => runner.start(key, longJob, () => {}));
    // Two threads: the third waits in the queue.
    expect(runner.stop('q3')).toBe(true);
    const third = await starts[2]?.done;
    expect(third?.stopped).toBe(true);
    expect(third?.epochsRun).toBe(0);
    expect(third?.model.weights).toEqual(longJob.model.weights);
    runner.stop('q1');
    runner.stop('q2');
    await Promise.all(starts.map((s) => s.done));
  });

  it('a result whose instance is gone is delivered by another instance, once', async () => {
    const [a, b, c] = [await instance(), await instance(), await instance()];
    const handed: Handover[] = [];
    b.onHandover(async (handover) => {
      handed.push(handover);
    });
    c.onHandover(async (handover) => {
      handed.push(handover);
    });
    const { progressed, onProgress } = firstProgress();
    const started = a.start('handover-owner', longJob, onProgress);
    a.describe?.(started.id, { chatId: 5, messageId: 7 });
    await progressed;
    started.done.catch(() => undefined);
    await a.close();
    expect(b.stop('handover-owner')).toBe(true);
    await until(() => handed.length > 0, 'another instance delivers the result');
    await sleep(1500);
    expect(handed).toHaveLength(1);
    expect(handed[0]?.key).toBe('handover-owner');
    expect(handed[0]?.note).toEqual({ chatId: 5, messageId: 7 });
    expect(handed[0]?.outcome.stopped).toBe(true);
    expect(handed[0]?.job.rows).toHaveLength(wide.length);
    // Instances that deliver others' results leave with their test.
    await Promise.all([b.close(), c.close()]);
  });

  it('a training stopped before it started, its instance gone, has its result delivered by another, once', async () => {
    const [a, b, c] = [await instance(), await instance(), await instance()];
    const handed: Handover[] = [];
    for (const other of [b, c])
      other.onHandover(async (handover) => {
        handed.push(handover);
      });
    // The worker's two threads are busy: the third training waits in the queue.
    const busy = ['busy-1', 'busy-2'].map((key) => a.start(key, longJob, () => {}));
    const started = a.start('stopped-unstarted-owner', longJob, () => {});
    a.describe?.(started.id, { chatId: 6, messageId: 8 });
    await started.queued;
    for (const running of [...busy, started]) running.done.catch(() => undefined);
    await a.close();
    expect(await b.abandoned([started.id])).toEqual(new Set());
    expect(b.stop('stopped-unstarted-owner')).toBe(true);
    await until(() => handed.length > 0, 'another instance delivers the stopped result');
    await sleep(1500);
    expect(handed).toHaveLength(1);
    expect(handed[0]?.note).toEqual({ chatId: 6, messageId: 8 });
    expect(handed[0]?.outcome).toMatchObject({ stopped: true, epochsRun: 0 });
    expect(handed[0]?.outcome.model.weights).toEqual(longJob.model.weights);
    expect(await c.abandoned([started.id])).toEqual(new Set([started.id]));
    for (const key of ['busy-1', 'busy-2']) expect(b.stop(key), key).toBe(true);
    await until(() => worker.size() === 0, 'the busy trainings stopped');
    await Promise.all([b.close(), c.close()]);
  });

  it('many trainings at once on one instance add no listeners per training', async () => {
    const runner = await instance();
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const starts = Array.from({ length: 15 }, (_, i) => runner.start(`many-${i}`, lessonJob, () => {}));
      const stoppedFirst = runner.start('many-stopped', longJob, () => {});
      runner.stop('many-stopped');
      await Promise.all([...starts, stoppedFirst].map((s) => s.done));
      await sleep(100);
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
  });

  it('a result claimed by an instance that died before sending it is sent by another, once', async () => {
    const [a, b, c] = [await instance(), await instance(), await instance()];
    const handed: Handover[] = [];
    for (const other of [b, c])
      other.onHandover(async (handover) => {
        handed.push(handover);
      });
    const started = a.start('claimed-owner', lessonJob, () => {});
    a.describe?.(started.id, { chatId: 5, messageId: 8 });
    await started.done;
    expect(await a.claimResult?.(started.id)).toBe(true);
    await a.close();
    await until(() => handed.length > 0, 'another instance sends the result');
    await sleep(2500);
    expect(handed.map((h) => [h.key, h.note])).toEqual([['claimed-owner', { chatId: 5, messageId: 8 }]]);
    expect(handed[0]?.outcome.epochsRun).toBe(lessonJob.epochs);
    await Promise.all([b.close(), c.close()]);
  });

  it('a result sent is not sent again when its sender is gone', async () => {
    const [a, b] = [await instance(), await instance()];
    const handed: Handover[] = [];
    b.onHandover(async (handover) => {
      handed.push(handover);
    });
    const started = a.start('sent-once-owner', lessonJob, () => {});
    a.describe?.(started.id, { chatId: 5, messageId: 9 });
    await started.done;
    expect(await a.claimResult?.(started.id)).toBe(true);
    await a.resultSent?.(started.id);
    await a.close();
    await sleep(2500);
    expect(handed).toEqual([]);
    await b.close();
  });

  it('a comparison whose instance is gone before its table is reported cut off by another instance, once', async () => {
    const [a, b, c] = [await instance(), await instance(), await instance()];
    const reported = cutOffReports(b, c);
    const request = {
      rows: wide,
      epochs: longJob.epochs,
      milestones: [],
      jobs: [{ method: 'gd' as const, model: longJob.model }],
    };
    const { progressed, onProgress } = firstProgress();
    const comparing = runComparison(a, 'comparison-owner', request, (_method, progress) =>
      onProgress(progress),
    );
    comparing.catch(() => undefined);
    await a.describeComparison?.('ccut', { chatId: 5, messageId: 10 });
    await progressed;
    await sleep(1500);
    expect(reported).toEqual([]);
    await a.close();
    await until(() => reported.length > 0, 'another instance reports the comparison cut off');
    await sleep(2500);
    expect(reported).toEqual([{ chatId: 5, messageId: 10 }]);
    // Nobody sends a table over the notice.
    expect(await b.claimComparison?.('ccut')).toBe(false);
    b.stop('comparison-owner');
    await until(() => worker.size() === 0, "the comparison's training ended");
    await Promise.all([b.close(), c.close()]);
  });

  it('a comparison whose table was sent is not reported cut off when its instance is gone', async () => {
    const [a, b] = [await instance(), await instance()];
    const reported = cutOffReports(b);
    await a.describeComparison?.('csent', { chatId: 5, messageId: 11 });
    expect(await a.claimComparison?.('csent')).toBe(true);
    await a.comparisonSent?.('csent');
    await a.close();
    await sleep(2500);
    expect(reported).toEqual([]);
    await b.close();
  });

  it('a comparison claimed by an instance that died before sending its table is reported cut off, once', async () => {
    const [a, b, c] = [await instance(), await instance(), await instance()];
    const reported = cutOffReports(b, c);
    await a.describeComparison?.('cclaimed', { chatId: 5, messageId: 12 });
    expect(await a.claimComparison?.('cclaimed')).toBe(true);
    await a.close();
    await until(() => reported.length > 0, 'another instance reports the comparison cut off');
    await sleep(2500);
    expect(reported).toEqual([{ chatId: 5, messageId: 12 }]);
    await Promise.all([b.close(), c.close()]);
  });

  it("an update's training is found by its update id on any instance once queued", async () => {
    const [a, b] = [await instance(), await instance()];
    expect(await b.startedBy?.(424242)).toBe(false);
    const started = a.start('update-owner', lessonJob, () => {}, { updateId: 424242 });
    expect(started.id).toBe('u424242');
    await started.queued;
    expect(await b.startedBy?.(424242)).toBe(true);
    expect(await b.startedBy?.(424243)).toBe(false);
    await started.done;
    expect(await a.startedBy?.(424242)).toBe(true);
  });

  it('pending keys name the trainings under way and those not yet delivered', async () => {
    const runner = await instance();
    const { progressed, onProgress } = firstProgress();
    const started = runner.start('pending-owner', longJob, onProgress);
    await progressed;
    expect(await runner.pendingKeys()).toContain('pending-owner');
    runner.stop('pending-owner');
    await started.done;
    expect(await runner.pendingKeys()).toContain('pending-owner');
    expect(await runner.claimResult?.(started.id)).toBe(true);
    expect(await runner.pendingKeys()).not.toContain('pending-owner');
  });
});

describe('a restart and the trainings it finds noted', () => {
  const note = (key: string, jobId: string, messageId: number): TrainingMessage => ({
    key,
    chatId: 1,
    messageId,
    ownerId: 1,
    language: 'en',
    jobId,
  });

  it('reports as cut off only the trainings nobody will finish', async () => {
    // The restarting instance is up before the others queue anything: what it knows from events lags.
    // Heartbeats last 5 s, so that a busy machine's pause does not make the live instance look gone; the
    // gone ones say so when they close.
    const restarted = await instance(5);
    const [live, gone, stopped] = [await instance(5), await instance(5), await instance(5)];
    const { progressed, onProgress } = firstProgress();
    const running = live.start('running-owner', longJob, onProgress);
    await running.queued;
    const delivering = live.start('delivering-owner', lessonJob, () => {});
    await delivering.done;
    // Its result is claimed and being sent: its message is not yet forgotten.
    expect(await live.claimResult?.(delivering.id)).toBe(true);
    const undelivered = gone.start('undelivered-owner', lessonJob, () => {});
    await undelivered.done;
    const halfSent = gone.start('half-sent-owner', lessonJob, () => {});
    await halfSent.done;
    expect(await gone.claimResult?.(halfSent.id)).toBe(true);
    const sent = gone.start('sent-owner', lessonJob, () => {});
    await sent.done;
    expect(await gone.claimResult?.(sent.id)).toBe(true);
    await gone.resultSent?.(sent.id);
    await gone.close();
    // Stopped on an instance that is gone since: its result is handed over, whether a worker had taken it
    // (a result not yet sent) or the Stop took it out of the queue first.
    const removed = stopped.start('stopped-owner', longJob, () => {});
    stopped.describe?.(removed.id, { chatId: 5 });
    await removed.queued;
    expect(stopped.stop('stopped-owner')).toBe(true);
    await removed.done;
    await stopped.close();
    const noted = [
      note('running-owner', running.id, 1),
      note('delivering-owner', delivering.id, 2),
      note('undelivered-owner', undelivered.id, 3),
      note('half-sent-owner', halfSent.id, 4),
      note('sent-owner', sent.id, 7),
      note('stopped-owner', removed.id, 5),
      // Not in the queue (gone from it, or never there), and nobody answers for it.
      note('lost-owner', 'j0123456789ab', 6),
    ];
    const cutOff = await abandonedTrainings(restarted, noted);
    // Running, being sent by a live instance, or left for another to send (its sender gone before it
    // was sent): not cut off. Sent, its note left behind, or lost with nobody answering for it: cut off.
    expect(cutOff.map((m) => m.key).sort(), JSON.stringify(cutOff.map((m) => m.key))).toEqual([
      'lost-owner',
      'sent-owner',
    ]);
    await progressed;
    live.stop('running-owner');
    await running.done;
  });

  it('does not report a training queued just before it looks, though its events have not come yet', async () => {
    const restarted = await instance();
    const other = await instance();
    const keys = ['fresh-1', 'fresh-2', 'fresh-3', 'fresh-4'];
    const starts = keys.map((key) => other.start(key, longJob, () => {}));
    await Promise.all(starts.map((s) => s.queued));
    const noted = starts.map((s, i) => note(keys[i] ?? '', s.id, 10 + i));
    expect(await abandonedTrainings(restarted, noted)).toEqual([]);
    for (const key of keys) other.stop(key);
    await Promise.all(starts.map((s) => s.done));
  });
});

describe('pictures through the queue', () => {
  it('come back as the pool draws them', async () => {
    const runner = await instance();
    const lesson = createPictureCases()[0];
    if (!lesson) throw new Error('no picture case');
    const t = createI18n('en').translatorFor('en');
    const input = describePicture(t, 'en', { model: lesson.model, rows: lesson.rows, inputs: lesson.inputs });
    const [queued, here] = await Promise.all([
      runner.pictures.picture(input),
      createPoolRenderer(executor.pool).picture(input),
    ]);
    expect(Buffer.from(queued.png).subarray(1, 4).toString()).toBe('PNG');
    expect(Buffer.from(queued.png).equals(Buffer.from(here.png))).toBe(true);
    expect(queued.evaluation).toEqual(here.evaluation);
  });
});

describe('exercise deadlines and boards across instances', () => {
  it('a deadline queued by two instances fires once', async () => {
    const ended: string[] = [];
    const jobs = [0, 1].map(() =>
      createDeadlineJobs({ redisUrl: testRedis.url, prefix: testRedis.prefix, logger }),
    );
    for (const each of jobs) await each.ready(async (chatId, runId) => ended.push(`${chatId} ${runId}`));
    const at = Date.now() + 300;
    for (const each of jobs) each.schedule(-100123, 'run7', at);
    await until(() => ended.length > 0, 'the deadline fires');
    expect(Date.now()).toBeGreaterThanOrEqual(at);
    await sleep(1000);
    for (const each of jobs) each.schedule(-100123, 'run7', Date.now());
    await sleep(1000);
    expect(ended).toEqual(['-100123 run7']);
    await Promise.all(jobs.map((each) => each.close()));
  });

  it('a board is edited at most once per interval, whichever instance asks', async () => {
    const gate = createBoardGate(testRedis.client, testRedis.prefix);
    expect(await gate(-42, 800)).toBe(0);
    const wait = await gate(-42, 800);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(800);
    expect(await gate(-43, 800)).toBe(0);
    await sleep(wait + 50);
    expect(await gate(-42, 800)).toBe(0);
  });
});
