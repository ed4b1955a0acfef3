import { Composer } from 'telegraf';
import { formatCount, numberFormatFor } from '../../core/number-format.js';
import { predict } from '../../core/predict.js';
import type { BotContext } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { button, onButton } from '../kit/buttons.js';
import { BUTTON_CODES } from '../kit/callback-data.js';
import { formatUnits } from '../kit/render/numbers.js';
import { type Keyboard, reply } from '../kit/reply.js';
import { sendPicture } from '../kit/send-picture.js';
import { keyOf, readPerceptron, updatePerceptron } from '../kit/state/perceptron-state.js';
import { refuseWhileTraining } from '../kit/training-guard.js';
import {
  allowsLessonTraining,
  FIRST_TRAINED_STAGE,
  LESSON_EPOCHS,
  LESSON_QUERY,
  LESSON_STAGES,
  type LessonState,
  prepareLessonStage,
} from './lesson-stages.js';
import { type LessonView, renderLessonIntro, renderLessonStage } from './render-lesson.js';
import { renderStep } from './render-step.js';
import { createStepView } from './step.js';

/** The stage that works out the first epoch: a summary, and every row on request. */
const ADJUST_STAGE = 5;
/** After 20,000 epochs of the lesson, and of xor: the stages where a picture says more than numbers. */
const PICTURE_STAGES: ReadonlySet<number> = new Set([6, 8]);

/** /lesson: the lesson as a tour of short messages, each with [Next ▶️]; /start offers it too. */
export function lessonFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('lesson', (ctx) => showIntro(deps, ctx));
  onButton(composer, BUTTON_CODES.lesson, async (ctx, press) => {
    const stage = Number(press.argument);
    if (!/^\d$/.test(press.argument) || stage > LESSON_STAGES) return ctx.t('press.unknown');
    await (stage === 0 ? showIntro(deps, ctx) : showStage(deps, ctx, stage));
    return undefined;
  });
  onButton(composer, BUTTON_CODES.lessonEveryRow, async (ctx) => {
    await showAdjustStageRows(deps, ctx);
    return undefined;
  });
  return composer;
}

/** The introduction changes nothing: the first stage replaces the rows, and it says so here. */
async function showIntro(deps: BotDependencies, ctx: BotContext): Promise<void> {
  const { rows } = await readPerceptron(deps, ctx);
  const perTraining = Math.min(LESSON_EPOCHS, deps.config.limits.maxEpochs);
  const epochs = formatUnits(ctx.t, ctx.language, 'epochs', perTraining);
  const start = button(ctx, ctx.t('lesson.buttons.start'), BUTTON_CODES.lesson, '1');
  await reply(ctx, renderLessonIntro(ctx.t, rows.length, epochs), [[start]]);
}

/** Sets the member's perceptron to what the stage describes, then shows it. */
async function showStage(deps: BotDependencies, ctx: BotContext, stage: number): Promise<void> {
  if (await refuseWhileTraining(deps, ctx)) return;
  const { limits } = deps.config;
  if (stage >= FIRST_TRAINED_STAGE && !allowsLessonTraining(limits)) {
    const count = (n: number) => formatCount(n, ctx.language);
    const vars = { maxEpochs: count(limits.maxEpochs), max: count(limits.maxTrainingCost) };
    return void (await reply(ctx, ctx.t('lesson.limited', vars)));
  }
  const key = keyOf(ctx);
  const state = await prepareLessonStage(stage, limits, (job) => deps.trainer.start(key, job, () => {}).done);
  await updatePerceptron(deps, ctx, (doc) => ({
    ...doc,
    rows: state.rows,
    // The lesson's rows replace the member's, and their column names go with them.
    columns: undefined,
    settings: state.settings,
    model: state.model,
    pending: undefined,
  }));
  if (state.outcome?.stopped) {
    // Only the bot's shutdown stops the tour's training: the weights reached are kept, as for /train.
    const count = (n: number) => formatCount(n, ctx.language);
    const vars = { epochsRun: count(state.outcome.epochsRun), epochs: count(LESSON_EPOCHS) };
    return void (await reply(ctx, ctx.t('train.shutdown', vars)));
  }
  const text = renderLessonStage(ctx.t, createLessonView(ctx, state));
  if (!PICTURE_STAGES.has(stage)) return void (await reply(ctx, text, stageKeyboard(ctx, stage)));
  await reply(ctx, text);
  await sendStagePicture(deps, ctx, stageKeyboard(ctx, stage));
}

/** The picture of the stage's perceptron, with the tour's button under it; the button comes anyway. */
async function sendStagePicture(deps: BotDependencies, ctx: BotContext, keyboard: Keyboard): Promise<void> {
  try {
    if (await sendPicture(deps, ctx, { buttons: keyboard })) return;
  } catch (error) {
    deps.logger.error({ err: error }, 'a picture of the tour failed');
  }
  await reply(ctx, ctx.t('pictures.failed'), keyboard);
}

/**
 * Every row of the tour's first epoch worked out, for [Show every row] under stage 5. The epoch is the
 * lesson's own, computed again from nothing, so it changes nothing the member has.
 */
async function showAdjustStageRows(deps: BotDependencies, ctx: BotContext): Promise<void> {
  const state = await prepareLessonStage(ADJUST_STAGE, deps.config.limits, () => {
    throw new Error('the tour trains only from stage 6 on');
  });
  if (!state.step) throw new Error('stage 5 of the tour has no epoch worked out');
  const next = button(ctx, ctx.t('lesson.buttons.next'), BUTTON_CODES.lesson, String(ADJUST_STAGE + 1));
  await reply(ctx, renderStep(ctx.t, createStepView(ctx, state.step, 0)), [[next]]);
}

function createLessonView(ctx: BotContext, state: LessonState): LessonView {
  const { stage, rows, model, step, outcome } = state;
  return {
    stage,
    rows,
    numbers: numberFormatFor(ctx.language),
    ...(model ? { model } : {}),
    ...(step ? { step: createStepView(ctx, step, 0) } : {}),
    ...(outcome ? { evaluation: outcome.evaluation } : {}),
    ...(model && stage === 7
      ? { prediction: { ...predict(model, LESSON_QUERY), inputs: LESSON_QUERY } }
      : {}),
  };
}

function stageKeyboard(ctx: BotContext, stage: number): Keyboard {
  if (stage === LESSON_STAGES)
    return [[button(ctx, ctx.t('lesson.buttons.again'), BUTTON_CODES.lesson, '1')]];
  const next = [button(ctx, ctx.t('lesson.buttons.next'), BUTTON_CODES.lesson, String(stage + 1))];
  if (stage !== ADJUST_STAGE) return [next];
  return [[button(ctx, ctx.t('step.buttons.everyRow'), BUTTON_CODES.lessonEveryRow)], next];
}
