import { parseLinkPayload } from '../../exercises/exercise-code.js';
import { type BotContext, senderId } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { formatUnits } from '../kit/render/numbers.js';
import { reply } from '../kit/reply.js';
import { findGroup, readExerciseUser, updateExerciseUser } from './exercise-state.js';
import { refuseOutsider } from './member-status.js';
import { describeTask } from './render-announcement.js';

/**
 * /start with a [Work in private] payload: the group's exercise becomes the member's current task in
 * private. False when the payload is not such a link (then /start is the usual one).
 */
export async function joinFromLink(
  deps: BotDependencies,
  ctx: BotContext,
  payload: string,
): Promise<boolean> {
  const link = parseLinkPayload(payload);
  if (!link || ctx.chat?.type !== 'private') return false;
  const { chatId, doc: group } = await findGroup(deps.exercises, link.chatId);
  const run = group.current;
  if (run?.runId !== link.runId) {
    const ended = group.last?.runId === link.runId;
    await reply(ctx, ctx.t(ended ? 'exercise.linkEnded' : 'exercise.linkUnknown'));
    return true;
  }
  // The title and the statement are the group's: nobody outside it reads them.
  const refusal = await refuseOutsider(deps, ctx, chatId, ctx.t('exercise.access.linkNotMember'));
  if (refusal) {
    await reply(ctx, refusal);
    return true;
  }
  const { title, statement } = describeTask(ctx.t, run.task);
  await updateExerciseUser(deps.exercises, senderId(ctx), (doc) => ({
    ...doc,
    current: { chatId, runId: run.runId, title },
  }));
  const inputs = formatUnits(ctx.t, ctx.language, 'inputs', run.task.inputs);
  await reply(ctx, ctx.t('exercise.joined', { title, group: run.groupTitle, statement, inputs }));
  return true;
}

/** /exercise leave in private: back to the member's own perceptron; the exercise's one is kept. */
export async function leaveExercise(deps: BotDependencies, ctx: BotContext): Promise<void> {
  if (ctx.chat?.type !== 'private') return void (await reply(ctx, ctx.t('exercise.leaveUsage')));
  const current = (await readExerciseUser(deps.exercises, senderId(ctx))).current;
  if (!current) return void (await reply(ctx, ctx.t('exercise.notWorking')));
  await updateExerciseUser(deps.exercises, senderId(ctx), (doc) => {
    const { current: _, ...rest } = doc;
    return rest;
  });
  await reply(ctx, ctx.t('exercise.left', { title: current.title }));
}
