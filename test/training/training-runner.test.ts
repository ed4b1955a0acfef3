import { describe, expect, it } from 'vitest';
import { createModel } from '../../src/core/model.js';
import { DEFAULT_SETTINGS } from '../../src/core/types.js';
import {
  createTrainingRunner,
  type TrainingExecutor,
  type TrainingJob,
} from '../../src/training/training-runner.js';
import { unstartedOutcome } from '../../src/training/unstarted-outcome.js';

const job: TrainingJob = {
  model: createModel(DEFAULT_SETTINGS, 3),
  rows: [{ inputs: [0, 0, 1], output: 0 }],
  epochs: 20_000,
};

/** An executor that trains until stopped, and records whether each job's signal had aborted when given. */
function createStoppableExecutor() {
  const abortedWhenGiven: boolean[] = [];
  const executor: TrainingExecutor = (given, { signal }) => {
    abortedWhenGiven.push(signal.aborted);
    return new Promise((resolve) => {
      const finish = () => resolve(unstartedOutcome(given));
      if (signal.aborted) finish();
      else signal.addEventListener('abort', finish, { once: true });
    });
  };
  return { executor, abortedWhenGiven };
}

describe('the training runner', () => {
  it('stops every training under way when stopAll is called', async () => {
    const { executor } = createStoppableExecutor();
    const runner = createTrainingRunner(executor);
    const started = ['a', 'b'].map((key) => runner.start(key, job, () => {}));
    await runner.stopAll();
    expect((await Promise.all(started.map((run) => run.done))).map((r) => r.stopped)).toEqual([true, true]);
    expect(runner.size()).toBe(0);
  });

  it('stops a training asked for during the shutdown before it starts', async () => {
    const { executor, abortedWhenGiven } = createStoppableExecutor();
    const runner = createTrainingRunner(executor);
    await runner.stopAll();
    const late = runner.start('late', job, () => {});
    expect(abortedWhenGiven).toEqual([true]);
    expect(await late.done).toMatchObject({ stopped: true, epochsRun: 0 });
    expect(runner.shuttingDown).toBe(true);
  });
});
