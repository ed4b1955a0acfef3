import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { evaluateModel } from '../../src/core/evaluate.js';
import { createModel } from '../../src/core/model.js';
import { DEFAULT_SETTINGS, type Row } from '../../src/core/types.js';
import { type ClosableExecutor, createPoolExecutor } from '../../src/training/pool-executor.js';
import type { TrainingJob } from '../../src/training/training-runner.js';

// Counts evaluations on this (the main) thread; worker threads load their own, unmocked copy.
vi.mock(import('../../src/core/evaluate.js'), async (original) => {
  const module = await original();
  return { ...module, evaluateModel: vi.fn(module.evaluateModel) };
});

/** 1000 rows x 32 inputs: the size whose evaluation (the separability check) costs about 140 ms. */
function makeJob(epochs: number): TrainingJob {
  const rows: Row[] = Array.from({ length: 1000 }, (_, r) => ({
    inputs: Array.from({ length: 32 }, (_, c) => ((r * 37 + c * 11) % 17) / 17),
    output: r % 3 === 0 ? 1 : 0,
  }));
  return { model: createModel(DEFAULT_SETTINGS, 32), rows, epochs };
}

describe('a pooled job stopped before it started', () => {
  let pool: ClosableExecutor;
  beforeAll(() => {
    pool = createPoolExecutor({ threads: 1, progressIntervalMs: 5 });
  });
  afterAll(() => pool.close());

  it('is not evaluated on the main thread when stopped in the queue', async () => {
    const ahead = new AbortController();
    let markProgressed = (): void => {};
    const progressed = new Promise<void>((resolve) => {
      markProgressed = resolve;
    });
    const running = pool(makeJob(50_000), { signal: ahead.signal, onProgress: () => markProgressed() });
    const queuedJob = makeJob(5_000);
    const controller = new AbortController();
    const queued = pool(queuedJob, { signal: controller.signal, onProgress: () => {} });
    await progressed;
    vi.mocked(evaluateModel).mockClear();
    controller.abort();
    const result = await queued;
    ahead.abort();
    await running;

    expect(vi.mocked(evaluateModel)).not.toHaveBeenCalled();
    expect(result).toMatchObject({ stopped: true, epochsRun: 0, model: queuedJob.model });
    expect(result.evaluation).toBeUndefined();
  });

  it('is not evaluated on the main thread when its signal had aborted before it was given', async () => {
    vi.mocked(evaluateModel).mockClear();
    const job = makeJob(5_000);
    const result = await pool(job, { signal: AbortSignal.abort(), onProgress: () => {} });
    expect(vi.mocked(evaluateModel)).not.toHaveBeenCalled();
    expect(result).toMatchObject({ stopped: true, epochsRun: 0, model: job.model });
  });
});
