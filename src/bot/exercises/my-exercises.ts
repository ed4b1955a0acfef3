import { Composer } from 'telegraf';
import { parseExerciseCode } from '../../exercises/exercise-code.js';
import { type BotContext, senderId } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { button, onButton } from '../kit/buttons.js';
import { BUTTON_CODES } from '../kit/callback-data.js';
import { formatUnits } from '../kit/render/numbers.js';
import { type Keyboard, reply } from '../kit/reply.js';
import type { TaskDoc } from './exercise-documents.js';
import { readExerciseUser, taskKey, updateExerciseUser } from './exercise-state.js';

/** /myexercises: the sender's own tasks with their codes, each with a delete button for its owner. */
export function myExercisesFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('myexercises', async (ctx) => {
    const tasks = await readOwnTasks(deps, senderId(ctx));
    if (tasks.length === 0) return void (await reply(ctx, ctx.t('exercise.mine.none')));
    const lines = tasks.map((task) =>
      ctx.t('exercise.mine.line', {
        code: task.code,
        title: task.title,
        rows: formatUnits(ctx.t, ctx.language, 'rows', task.hidden.length),
      }),
    );
    // Only in private: the buttons name the codes, which are the teacher's to share.
    const keyboard: Keyboard =
      ctx.chat?.type === 'private'
        ? tasks.map((task) => [
            button(
              ctx,
              ctx.t('exercise.buttons.delete', { code: task.code }),
              BUTTON_CODES.deleteTask,
              task.code,
            ),
          ])
        : [];
    await reply(ctx, [ctx.t('exercise.mine.title'), ...lines].join('\n'), keyboard);
  });
  onButton(composer, BUTTON_CODES.deleteTask, async (ctx, press) => {
    const deleted = await deleteOwnTask(deps, senderId(ctx), press.argument);
    if (!deleted) return ctx.t('exercise.mine.gone');
    await reply(ctx, ctx.t('exercise.mine.deleted', { code: press.argument }));
    return undefined;
  });
  return composer;
}

async function readOwnTasks(deps: BotDependencies, userId: number): Promise<TaskDoc[]> {
  const { ownTasks } = await readExerciseUser(deps.exercises, userId);
  const tasks = await Promise.all(ownTasks.map((code) => deps.exercises.tasks.read(taskKey(code))));
  return tasks.filter(
    (task): task is TaskDoc => task !== undefined && !task.deleted && task.ownerId === userId,
  );
}

/**
 * Deletes an own task of `userId`: its rows go, its code stays known as deleted, so /exercise CODE says
 * so. Runs already started keep their copy of the rows. False when it is not theirs or already gone.
 */
async function deleteOwnTask(deps: BotDependencies, userId: number, argument: string): Promise<boolean> {
  const code = parseExerciseCode(argument);
  if (!code || !(await deps.exercises.tasks.read(taskKey(code)))) return false;
  let deleted = false;
  await deps.exercises.tasks.update(taskKey(code), (stored) => {
    const task = stored as TaskDoc;
    if (task.deleted || task.ownerId !== userId) return task;
    deleted = true;
    return { ...task, hidden: [], statement: '', deleted: true };
  });
  if (deleted)
    await updateExerciseUser(deps.exercises, userId, (doc) => ({
      ...doc,
      ownTasks: doc.ownTasks.filter((own) => own !== code),
    }));
  return deleted;
}
