import { Composer } from 'telegraf';
import { type BotContext, senderId } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { formatUnits } from '../kit/render/numbers.js';
import { reply } from '../kit/reply.js';
import { readExerciseUser, updateExerciseUser } from './exercise-state.js';
import { advanceDraft, MAX_TITLE, saveDraft } from './task-draft.js';
import { addDraftRowsFromFile } from './task-draft-file.js';

/**
 * /newexercise in private: a title, a statement, then hidden rows (typed, or a .csv/.tsv/.txt document),
 * and /done gives the task's code.
 */
export function newExerciseFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('newexercise', async (ctx) => {
    if (ctx.chat?.type !== 'private') return void (await reply(ctx, ctx.t('exercise.create.privateOnly')));
    const max = deps.config.limits.exerciseTasksPerTeacher;
    const user = await readExerciseUser(deps.exercises, senderId(ctx));
    if (user.ownTasks.length >= max)
      return void (await reply(ctx, ctx.t('exercise.create.tooManyTasks', { max })));
    await updateExerciseUser(deps.exercises, senderId(ctx), (doc) => ({
      ...doc,
      draft: { step: 'title', rows: [] },
    }));
    await reply(ctx, ctx.t('exercise.create.askTitle', { max: MAX_TITLE }));
  });
  composer.command('cancel', async (ctx, next) => {
    if (!(await hasDraft(deps, ctx))) return next();
    await updateExerciseUser(deps.exercises, senderId(ctx), ({ draft: _, ...rest }) => rest);
    await reply(ctx, ctx.t('exercise.create.cancelled'));
  });
  composer.command('done', async (ctx, next) => {
    const draft = await hasDraft(deps, ctx);
    if (!draft) return next();
    if (draft.step !== 'rows' || draft.rows.length === 0)
      return void (await reply(ctx, ctx.t('exercise.create.noRows')));
    const task = await saveDraft(deps, ctx, draft);
    const rows = formatUnits(ctx.t, ctx.language, 'rows', task.hidden.length);
    const submissions = deps.config.limits.exerciseSubmissions;
    await reply(
      ctx,
      ctx.t('exercise.create.done', { title: task.title, rows, code: task.code, submissions }),
    );
  });
  composer.on('document', async (ctx, next) => {
    const draft = await hasDraft(deps, ctx);
    if (draft?.step !== 'rows') return next();
    const { draft: changed, answer } = await addDraftRowsFromFile(deps, ctx, draft, ctx.message.document);
    if (changed !== draft)
      await updateExerciseUser(deps.exercises, senderId(ctx), (doc) => ({ ...doc, draft: changed }));
    await reply(ctx, answer);
  });
  composer.on('text', async (ctx, next) => {
    const draft = ctx.message.text.startsWith('/') ? undefined : await hasDraft(deps, ctx);
    if (!draft) return next();
    const { draft: changed, answer } = advanceDraft(deps, ctx, draft, ctx.message.text);
    if (changed !== draft)
      await updateExerciseUser(deps.exercises, senderId(ctx), (doc) => ({ ...doc, draft: changed }));
    await reply(ctx, answer);
  });
  return composer;
}

/** The sender's draft, in private only. */
async function hasDraft(deps: BotDependencies, ctx: BotContext) {
  if (ctx.chat?.type !== 'private') return undefined;
  return (await readExerciseUser(deps.exercises, senderId(ctx))).draft;
}
