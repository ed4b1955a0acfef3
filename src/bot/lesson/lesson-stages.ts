import type { Limits } from '../../config/config.js';
import { findExample } from '../../core/examples.js';
import { createModel } from '../../core/model.js';
import { type EpochStep, stepModel } from '../../core/step.js';
import type { ModelSettings, ModelState, Row } from '../../core/types.js';
import type { TrainingJob, TrainingOutcome } from '../../training/training-runner.js';

/** Messages of the tour after its introduction (stage 0). */
export const LESSON_STAGES = 8;
export const LESSON_EPOCHS = 20_000;
/** The case the lesson asks about after training. */
export const LESSON_QUERY = [1, 1, 0];
/** From this stage on the tour trains, which the bot's limits must allow. */
export const FIRST_TRAINED_STAGE = 6;
const XOR_STAGE = 8;

/** The lesson's settings: numpy's seed 1, learning rate 1, the sigmoid, no bias (the third input is one). */
export const LESSON_SETTINGS: ModelSettings = {
  activation: 'sigmoid',
  bias: false,
  learningRate: 1,
  epochs: LESSON_EPOCHS,
  seed: 1,
};

/** What one stage of the tour leaves the member's perceptron with, and the numbers it shows. */
export interface LessonState {
  stage: number;
  rows: Row[];
  settings: ModelSettings;
  /** None before the weights are drawn (stages 1 and 2). */
  model?: ModelState;
  /** The first epoch, worked out (stages 3 to 5). */
  step?: EpochStep;
  /** The 20,000 epochs (stages 6 to 8). */
  outcome?: TrainingOutcome;
}

/** Runs a training where trainings run (the training runner), and resolves with its outcome. */
export type LessonTrainer = (job: TrainingJob) => Promise<TrainingOutcome>;

/** True when the bot's limits allow the lesson's training of 4 rows × 3 inputs × 20,000 epochs. */
export function allowsLessonTraining(limits: Limits): boolean {
  return LESSON_EPOCHS <= limits.maxEpochs && 4 * 3 * LESSON_EPOCHS <= limits.maxTrainingCost;
}

/**
 * The state a stage describes, built from nothing but the stage number, so that a stage reached from
 * anywhere (the member went off and trained something else, or pressed an old button) shows what it says.
 */
export async function prepareLessonStage(
  stage: number,
  limits: Pick<Limits, 'maxEpochs'>,
  train: LessonTrainer,
): Promise<LessonState> {
  const rows = copyRows(stage === XOR_STAGE ? 'xor' : 'lesson');
  // A bot whose limit is lower stops the tour before it trains; /train uses the limit until then.
  const settings = { ...LESSON_SETTINGS, epochs: Math.min(LESSON_EPOCHS, limits.maxEpochs) };
  const base = { stage, rows, settings };
  if (stage < 3) return base;
  const start = createModel(settings, 3);
  if (stage < FIRST_TRAINED_STAGE) {
    const step = stepModel(start, rows);
    return { ...base, model: stage === 5 ? step.model : start, step };
  }
  const outcome = await train({ model: start, rows, epochs: LESSON_EPOCHS });
  return { ...base, model: outcome.model, outcome };
}

function copyRows(name: 'lesson' | 'xor'): Row[] {
  const example = findExample(name);
  if (!example) throw new Error(`the example ${name} is missing`);
  return example.rows.map((row) => ({ inputs: [...row.inputs], output: row.output }));
}
