import { Composer } from 'telegraf';
import { formatCount, numberFormatFor } from '../../core/number-format.js';
import { completeStep, type EpochStep, explainEpoch } from '../../core/step.js';
import type { ModelState } from '../../core/types.js';
import { createLruCache } from '../../storage/lru-cache.js';
import type { TrainingOutcome } from '../../training/training-runner.js';
import type { BotContext } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { button, onButton } from '../kit/buttons.js';
import { BUTTON_CODES } from '../kit/callback-data.js';
import { nameMethod } from '../kit/render/method-name.js';
import { formatUnits } from '../kit/render/numbers.js';
import { nameWeight } from '../kit/render/weights.js';
import { type Keyboard, reply } from '../kit/reply.js';
import { keyOf, readPerceptron, updatePerceptron } from '../kit/state/perceptron-state.js';
import { refuseWhileTraining } from '../kit/training-guard.js';
import { renderStep, renderStepSummary, type StepView } from './render-step.js';
import { planSteps } from './step-plan.js';

/** Epochs that [⏩ 10 more] runs: all but the last without details. */
const MORE_EPOCHS = 10;
/** Members whose last step [Show every row] can still show, and the rows their steps hold in all. */
const REMEMBERED_STEPS = 1000;
const REMEMBERED_ROWS = 200_000;

/** The epoch a member was last shown, for [Show every row]; kept in memory, so a restart forgets it. */
interface ShownStep {
  step: EpochStep;
  skipped: number;
  names: string[] | undefined;
}

/** /step and its buttons: one epoch of the lesson's formula with the member's own numbers. */
export function stepFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const shown = createLruCache<ShownStep>(REMEMBERED_STEPS, {
    max: REMEMBERED_ROWS,
    weigh: (entry) => entry.step.rows.length,
  });
  const remember = (ctx: BotContext, entry: ShownStep) => shown.set(keyOf(ctx), entry);
  composer.command('step', async (ctx) => {
    if (ctx.payload.trim() !== '') return void (await reply(ctx, ctx.t('step.noArgument')));
    await runSteps(deps, ctx, 1, remember);
  });
  onButton(composer, BUTTON_CODES.step, async (ctx, press) => {
    await runSteps(deps, ctx, press.argument === String(MORE_EPOCHS) ? MORE_EPOCHS : 1, remember);
    return undefined;
  });
  onButton(composer, BUTTON_CODES.stepEveryRow, async (ctx, press) => {
    const entry = shown.get(keyOf(ctx));
    if (!entry || String(entry.step.epoch) !== press.argument) return ctx.t('press.stale');
    const view = createStepView(ctx, entry.step, entry.skipped, entry.names);
    await reply(ctx, renderStep(ctx.t, view), stepKeyboard(ctx));
    return undefined;
  });
  return composer;
}

/**
 * `epochs` epochs through the training runner, like /train's, the last one explained with its numbers.
 * The handler waits for them, so that quick presses step one after another; the explanation, a forward
 * pass and X.T @ δ, is a few milliseconds on the event loop even for the largest data allowed.
 */
async function runSteps(
  deps: BotDependencies,
  ctx: BotContext,
  epochs: number,
  remember: (ctx: BotContext, entry: ShownStep) => void,
): Promise<void> {
  if (await refuseWhileTraining(deps, ctx)) return;
  const plan = await readPlan(deps, ctx, epochs);
  if (!plan) return;
  // No milestones to note: the job runs every epoch asked for, past any target the member set.
  const job = (model: ModelState, epochs: number) => ({
    model,
    rows: plan.rows,
    epochs,
    milestones: [],
    evaluate: false,
  });
  const train = (model: ModelState, count: number) =>
    deps.trainer.start(keyOf(ctx), job(model, count), () => undefined).done;
  const unseen = epochs > 1 ? await train(plan.model, epochs - 1) : undefined;
  if (unseen?.stopped) return stopEarly(deps, ctx, unseen, epochs - 1);
  const start = unseen?.model ?? plan.model;
  const explanation = explainEpoch(start, plan.rows);
  const last = await train(start, 1);
  if (last.stopped && !last.diverged) return stopEarly(deps, ctx, last, 1);
  const step = completeStep(explanation, last);
  const { duplicate } = await updatePerceptron(deps, ctx, (doc) => ({ ...doc, model: step.model }));
  // The same update delivered again after a crash: it was applied, and the step shown, already.
  if (duplicate) return;
  remember(ctx, { step, skipped: epochs - 1, names: plan.names });
  const view = createStepView(ctx, step, epochs - 1, plan.names);
  const everyRow = button(ctx, ctx.t('step.buttons.everyRow'), BUTTON_CODES.stepEveryRow, String(step.epoch));
  await reply(ctx, renderStepSummary(ctx.t, view), [[everyRow], ...stepKeyboard(ctx)]);
}

/** Epochs cut short by the bot's shutdown, or weights beyond any number: keeps what was reached. */
async function stopEarly(
  deps: BotDependencies,
  ctx: BotContext,
  outcome: TrainingOutcome,
  epochs: number,
): Promise<void> {
  await updatePerceptron(deps, ctx, (doc) => ({ ...doc, model: outcome.model }));
  const vars = { epochsRun: formatCount(outcome.epochsRun, ctx.language), epochs };
  await reply(ctx, ctx.t(outcome.diverged ? 'train.diverged' : 'train.shutdown', vars));
}

async function readPlan(deps: BotDependencies, ctx: BotContext, epochs: number) {
  const plan = planSteps(await readPerceptron(deps, ctx), epochs, deps.config.limits);
  if (plan.ok) return plan;
  if (plan.problem === 'noData') return void (await reply(ctx, ctx.t('step.noData')));
  if (plan.problem === 'otherMethod') {
    const method = nameMethod(ctx.t, plan.method);
    return void (await reply(ctx, ctx.t('step.otherMethod', { method })));
  }
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

/** What the step renderer needs, in the member's language; the weights named after the inputs, if they have names. */
export function createStepView(
  ctx: BotContext,
  step: EpochStep,
  skipped: number,
  inputNames?: readonly string[],
): StepView {
  const { settings, inputs } = step.model;
  const names = Array.from({ length: inputs }, (_, i) => nameWeight(i, inputNames));
  if (step.model.bias !== undefined) names.push(ctx.t('weights.bias'));
  return {
    step,
    activation: settings.activation,
    learningRate: settings.learningRate,
    skipped,
    names,
    epochs: (n) => formatUnits(ctx.t, ctx.language, 'epochs', n),
    rows: (n) => formatUnits(ctx.t, ctx.language, 'rows', n),
    numbers: numberFormatFor(ctx.language),
  };
}

/** [⏭ Next epoch] [⏩ 10 more] and the pictures feature's [📈 Picture], for the member who asked. */
export function stepKeyboard(ctx: BotContext): Keyboard {
  return [
    [
      button(ctx, ctx.t('step.buttons.next'), BUTTON_CODES.step, '1'),
      button(ctx, ctx.t('step.buttons.more'), BUTTON_CODES.step, String(MORE_EPOCHS)),
    ],
    [button(ctx, ctx.t('pictures.button'), BUTTON_CODES.picture)],
  ];
}
