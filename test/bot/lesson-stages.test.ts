import { describe, expect, it } from 'vitest';
import {
  allowsLessonTraining,
  LESSON_SETTINGS,
  type LessonTrainer,
  prepareLessonStage,
} from '../../src/bot/lesson/lesson-stages.js';
import { parseConfig } from '../../src/config/config.js';
import { findExample } from '../../src/core/examples.js';
import { createModel } from '../../src/core/model.js';
import type { Row } from '../../src/core/types.js';
import { trainAndEvaluate } from '../../src/training/train-and-evaluate.js';
import type { TrainingJob } from '../../src/training/training-runner.js';

const limits = parseConfig({}, { requireToken: false }).limits;
const rowsOf = (name: string) => (findExample(name) as { rows: Row[] }).rows;

/** Trains on this thread and remembers the jobs it was given. */
function createTrainer(): { train: LessonTrainer; jobs: TrainingJob[] } {
  const jobs: TrainingJob[] = [];
  const train: LessonTrainer = async (job) => {
    jobs.push(job);
    return trainAndEvaluate(job, {});
  };
  return { jobs, train };
}

describe('prepareLessonStage', () => {
  it('draws no weights before stage 3, seed 1’s from stage 3, and one epoch’s at stage 5', async () => {
    const { train, jobs } = createTrainer();
    const start = createModel(LESSON_SETTINGS, 3);
    for (const stage of [1, 2])
      expect((await prepareLessonStage(stage, limits, train)).model).toBeUndefined();
    for (const stage of [3, 4]) expect((await prepareLessonStage(stage, limits, train)).model).toEqual(start);
    const five = await prepareLessonStage(5, limits, train);
    expect(five.model?.epochsTrained).toBe(1);
    expect(five.model).toEqual(five.step?.model);
    expect(jobs).toHaveLength(0);
  });

  it('trains 20,000 epochs from seed 1 through the trainer it is given, on the lesson and then on xor', async () => {
    const { train, jobs } = createTrainer();
    const six = await prepareLessonStage(6, limits, train);
    const eight = await prepareLessonStage(8, limits, train);
    expect(jobs.map((job) => [job.epochs, job.model])).toEqual([
      [20_000, createModel(LESSON_SETTINGS, 3)],
      [20_000, createModel(LESSON_SETTINGS, 3)],
    ]);
    expect(six.rows).toEqual(rowsOf('lesson'));
    expect(six.model?.weights[0]).toBeCloseTo(10.38041, 5);
    expect(eight.rows).toEqual(rowsOf('xor'));
    expect(eight.outcome?.evaluation?.separable).toBe(false);
  });

  it('sets the lesson’s settings, with no more epochs per /train than the limit', async () => {
    const { train } = createTrainer();
    expect((await prepareLessonStage(1, limits, train)).settings).toEqual(LESSON_SETTINGS);
    const low = await prepareLessonStage(3, { maxEpochs: 500 }, train);
    expect(low.settings).toEqual({ ...LESSON_SETTINGS, epochs: 500 });
  });

  it('gives each stage its own copy of the rows', async () => {
    const { train } = createTrainer();
    const state = await prepareLessonStage(1, limits, train);
    ((state.rows[0] as Row).inputs as number[])[0] = 7;
    expect(rowsOf('lesson')[0]?.inputs[0]).toBe(0);
  });
});

describe('allowsLessonTraining', () => {
  it('needs 20,000 epochs and 4 × 3 × 20,000 multiply-adds within the limits', () => {
    expect(allowsLessonTraining(limits)).toBe(true);
    expect(allowsLessonTraining({ ...limits, maxEpochs: 19_999 })).toBe(false);
    expect(allowsLessonTraining({ ...limits, maxTrainingCost: 240_000 })).toBe(true);
    expect(allowsLessonTraining({ ...limits, maxTrainingCost: 239_999 })).toBe(false);
  });
});
