import { Composer } from 'telegraf';
import { type EpochStep, stepModel } from '../../core/step.js';
import type { ModelState, Row } from '../../core/types.js';
import type { TrainingOutcome } from '../../training/training-runner.js';
import type { BotContext } from '../bot-context.js';
import type { BotDependencies } from '../bot-dependencies.js';
import { button, onButton } from '../buttons.js';
import { formatCount, formatUnits } from '../render/numbers.js';
import { renderStep, type StepView } from '../render/step.js';
import { type Keyboard, reply } from '../reply.js';
import { keyOf, readPerceptron, storeTrainingOutcome, updatePerceptron } from '../state/perceptron-state.js';
import { planSteps } from './step-plan.js';
import { refuseWhileTraining } from './training-guard.js';

/** Epochs that [⏩ 10 more] runs: all but the last without details, through the training runner. */
const MORE_EPOCHS = 10;

/** /step and its buttons: one epoch of the lesson's formula with the member's own numbers. */
export function stepFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('step', async (ctx) => {
    if (ctx.payload.trim() !== '') return void (await reply(ctx, ctx.t('step.noArgument')));
    await stepOnce(deps, ctx);
  });
  onButton(composer, 'sp', async (ctx, press) => {
    if (press.argument === String(MORE_EPOCHS)) await stepAfterTraining(deps, ctx);
    else await stepOnce(deps, ctx);
    return undefined;
  });
  return composer;
}

/**
 * One epoch on the event loop: its work is about three times rows × columns multiply-adds, at most
 * about a million with the largest allowed data, which is what a training is allowed inline anyway.
 */
async function stepOnce(deps: BotDependencies, ctx: BotContext): Promise<void> {
  if (await refuseWhileTraining(deps, ctx)) return;
  const plan = await readPlan(deps, ctx, 1);
  if (!plan) return;
  const step = stepModel(plan.model, plan.rows);
  if (!step.diverged) {
    const { duplicate } = await updatePerceptron(deps, ctx, (doc) => ({ ...doc, model: step.model }));
    // The same update delivered again after a crash: it was applied, and the step shown, already.
    if (duplicate) return;
  }
  await reply(ctx, renderStep(ctx.t, createStepView(ctx, step, 0)), stepKeyboard(ctx));
}

/** Nine epochs through the training runner, then the tenth in detail, all stored like a training. */
async function stepAfterTraining(deps: BotDependencies, ctx: BotContext): Promise<void> {
  if (await refuseWhileTraining(deps, ctx)) return;
  const plan = await readPlan(deps, ctx, MORE_EPOCHS);
  if (!plan) return;
  const key = keyOf(ctx);
  const job = deps.trainer.start(key, { ...plan, epochs: MORE_EPOCHS - 1 }, () => undefined);
  deps.background.track(
    finishSteps(deps, ctx, job.done, plan.rows).catch(async (error: unknown) => {
      deps.logger.error({ err: error, key }, 'steps could not be finished');
      await reply(ctx, ctx.t('step.failed'));
    }),
  );
}

async function finishSteps(
  deps: BotDependencies,
  ctx: BotContext,
  done: Promise<TrainingOutcome>,
  rows: Row[],
): Promise<void> {
  const outcome = await done;
  const store = (model: ModelState) => storeTrainingOutcome(deps, keyOf(ctx), (doc) => ({ ...doc, model }));
  if (outcome.stopped) {
    await store(outcome.model);
    const vars = { epochsRun: formatCount(outcome.epochsRun, ctx.language), epochs: MORE_EPOCHS - 1 };
    return void (await reply(ctx, ctx.t(outcome.diverged ? 'train.diverged' : 'train.shutdown', vars)));
  }
  const step = stepModel(outcome.model, rows);
  await store(step.diverged ? outcome.model : step.model);
  await reply(ctx, renderStep(ctx.t, createStepView(ctx, step, MORE_EPOCHS - 1)), stepKeyboard(ctx));
}

async function readPlan(deps: BotDependencies, ctx: BotContext, epochs: number) {
  const plan = planSteps(await readPerceptron(deps, ctx), epochs, deps.config.limits);
  if (plan.ok) return plan;
  if (plan.problem === 'noData') return void (await reply(ctx, ctx.t('step.noData')));
  const count = (n: number) => formatCount(n, ctx.language);
  const vars = {
    rows: formatUnits(ctx.t, ctx.language, 'rows', plan.rows),
    inputs: formatUnits(ctx.t, ctx.language, 'inputs', plan.inputs),
    epochs: formatUnits(ctx.t, ctx.language, 'epochs', plan.epochs),
    maxEpochs: count(plan.limits.maxEpochs),
    max: count(plan.limits.maxTrainingCost),
  };
  return void (await reply(ctx, ctx.t('step.tooCostly', vars)));
}

/** What the step renderer needs, in the member's language. */
export function createStepView(ctx: BotContext, step: EpochStep, skipped: number): StepView {
  const { settings, inputs } = step.model;
  const names = Array.from({ length: inputs }, (_, i) => `w${i + 1}`);
  if (step.model.bias !== undefined) names.push(ctx.t('weights.bias'));
  return {
    step,
    activation: settings.activation,
    learningRate: settings.learningRate,
    skipped,
    names,
    epochs: (n) => formatUnits(ctx.t, ctx.language, 'epochs', n),
    rows: (n) => formatUnits(ctx.t, ctx.language, 'rows', n),
  };
}

/** [⏭ Next epoch] [⏩ 10 more], for the member who asked. */
export function stepKeyboard(ctx: BotContext): Keyboard {
  return [
    [
      button(ctx, ctx.t('step.buttons.next'), 'sp', '1'),
      button(ctx, ctx.t('step.buttons.more'), 'sp', String(MORE_EPOCHS)),
    ],
  ];
}
