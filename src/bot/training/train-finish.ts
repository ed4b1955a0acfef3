import type { Evaluation } from '../../core/evaluate.js';
import { numberFormatFor } from '../../core/number-format.js';
import { sampleQuery } from '../../core/sample-query.js';
import type { Row } from '../../core/types.js';
import { columnNamesFor } from '../../files/column-names.js';
import { NotSentError } from '../../telegram/rate-limit.js';
import type { TrainingOutcome } from '../../training/training-runner.js';
import { openAppRows } from '../kit/app-button.js';
import type { BotContext } from '../kit/bot-context.js';
import { senderId } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { button } from '../kit/buttons.js';
import { BUTTON_CODES } from '../kit/callback-data.js';
import { editMessage } from '../kit/edit-message.js';
import { predictButtons } from '../kit/predict-buttons.js';
import { formatUnits } from '../kit/render/numbers.js';
import { type Keyboard, MESSAGE_LIMIT, reply } from '../kit/reply.js';
import { followWithPicture } from '../kit/send-picture.js';
import type { PerceptronDoc } from '../kit/state/documents.js';
import { keyOf, storeTrainingOutcome } from '../kit/state/perceptron-state.js';
import { renderTrainingResult } from './render-result.js';
import {
  forgetTrainingMessages,
  rememberTrainingMessage,
  type TrainingMessage,
} from './training-messages.js';

export interface RunningView {
  key: string;
  /** The training's id: with trainings in other processes, its result is claimed under it. */
  id?: string;
  /** Already claimed (a result handed over by another instance). */
  claimed?: boolean;
  done: Promise<TrainingOutcome>;
  progressMessage: Promise<number | undefined>;
  epochsAsked: number;
  rows: Row[];
}

/**
 * Saves the weights reached and turns the progress message into the result, evaluated on the rows trained
 * on. Should anything fail, the progress message says so instead of showing a Stop that no longer works;
 * a result the shutdown had no time to send is in the shutdown's log.
 */
export async function finishTraining(
  deps: BotDependencies,
  ctx: BotContext,
  running: RunningView,
): Promise<void> {
  if (!(await claimResult(deps, running))) return;
  let stored: PerceptronDoc | undefined;
  try {
    stored = await reportResult(deps, ctx, running);
  } catch (error) {
    // The progress message stays on record: the restart turns it into a notice.
    if (error instanceof NotSentError) return;
    deps.logger.error({ err: error, key: running.key }, 'a training could not be finished');
    await deliverResult(ctx, await running.progressMessage, ctx.t('train.failed'), []);
  }
  const messageId = await running.progressMessage;
  if (messageId !== undefined) {
    await forgetTrainingMessages(deps.trainingMessages, [recordOf(ctx, running.key, messageId)]);
  }
  if (stored && !deps.trainer.shuttingDown) await followWithPicture(deps, ctx, stored);
}

/**
 * With trainings in other processes, the result is recorded as sent before it is sent: when another
 * instance already delivered it (this one was thought gone), this one says nothing.
 */
async function claimResult(deps: BotDependencies, running: RunningView): Promise<boolean> {
  const claim = deps.trainer.claimResult;
  if (!claim || running.claimed || running.id === undefined) return true;
  await running.done.catch(() => undefined);
  try {
    return await claim(running.id);
  } catch (error) {
    deps.logger.error({ err: error, key: running.key }, 'could not record a result as sent; it is sent');
    return true;
  }
}

/** The progress message on disk while its training runs; a failure to note it only costs that notice. */
export function rememberProgressMessage(deps: BotDependencies, ctx: BotContext, messageId: number): void {
  const task = rememberTrainingMessage(deps.trainingMessages, recordOf(ctx, keyOf(ctx), messageId));
  deps.background.track(task);
}

function recordOf(ctx: BotContext, key: string, messageId: number): TrainingMessage {
  return { key, chatId: ctx.chat?.id ?? 0, messageId, ownerId: senderId(ctx), language: ctx.language };
}

/** Stores and shows the result; resolves with the perceptron as stored. */
async function reportResult(
  deps: BotDependencies,
  ctx: BotContext,
  running: RunningView,
): Promise<PerceptronDoc> {
  const result = await running.done;
  const stored = await storeTrainingOutcome(deps, running.key, (doc) => ({ ...doc, model: result.model }));
  const stoppedBy = stopReason(result, deps.trainer.shuttingDown);
  const epochs = (n: number) => formatUnits(ctx.t, ctx.language, 'epochs', n);
  if (ctx.quiet && result.evaluation) {
    await reply(ctx, renderQuietResult(ctx, result, result.evaluation));
    return stored;
  }
  const text = renderTrainingResult(ctx.t, {
    result,
    epochsAsked: running.epochsAsked,
    rows: running.rows,
    evaluation: result.evaluation,
    numbers: numberFormatFor(ctx.language),
    epochs,
    names: columnNamesFor(stored.columns, result.model.inputs)?.inputs,
    ...(stoppedBy ? { stoppedBy } : {}),
  });
  const keyboard: Keyboard = [
    [
      button(ctx, ctx.t('buttons.trainMore'), BUTTON_CODES.train),
      button(ctx, ctx.t('buttons.weights'), BUTTON_CODES.weights),
      button(ctx, ctx.t('pictures.button'), BUTTON_CODES.picture),
    ],
    ...predictButtons(ctx, sampleQuery(running.rows, result.model)),
    ...openAppRows(deps, ctx),
  ];
  // Working on a group's exercise in private: its title goes last, if the message has room for it.
  const titled = ctx.exerciseTitle
    ? `${text}\n\n${ctx.t('exercise.currentTask', { title: ctx.exerciseTitle })}`
    : text;
  const shown = titled.length <= MESSAGE_LIMIT ? titled : text;
  await deliverResult(ctx, await running.progressMessage, shown, keyboard);
  return stored;
}

/** A quiet group's whole report of a training: one line. */
function renderQuietResult(ctx: BotContext, result: TrainingOutcome, evaluation: Evaluation): string {
  return ctx.t('exercise.quiet.trained', {
    epochs: formatUnits(ctx.t, ctx.language, 'epochs', result.epochsRun),
    loss: numberFormatFor(ctx.language).loss(result.loss),
    accuracy: numberFormatFor(ctx.language).percent(evaluation.accuracy),
  });
}

function stopReason(result: TrainingOutcome, shuttingDown: boolean) {
  if (result.diverged) return 'diverged';
  if (!result.stopped) return undefined;
  return shuttingDown ? 'shutdown' : 'stopped';
}

/**
 * The progress message becomes the result: one call instead of two, which matters in busy groups. It is
 * sent in the background: answers to what the member sent meanwhile do not wait behind it.
 */
async function deliverResult(
  ctx: BotContext,
  messageId: number | undefined,
  text: string,
  keyboard: Keyboard,
): Promise<void> {
  const background = { background: true };
  if (messageId !== undefined) {
    const edited = await editMessage(ctx, messageId, text, keyboard, background).then(
      () => true,
      () => false,
    );
    if (edited) return;
  }
  await reply(ctx, text, keyboard, background);
}
