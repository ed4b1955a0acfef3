import { MAX_ROW_ERRORS, parseRows } from '../../core/dataset-parse.js';
import { createExerciseCode } from '../../exercises/exercise-code.js';
import { escapeHtml } from '../../i18n/i18n.js';
import { type BotContext, senderId } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { formatUnits } from '../kit/render/numbers.js';
import { renderRowErrors, TASK_ROW_WORDING } from '../kit/render/row-errors.js';
import type { TaskDoc, TaskDraft } from './exercise-documents.js';
import { taskKey, updateExerciseUser } from './exercise-state.js';

/** Longest title: one line of a board. Both limits count characters as sent, HTML escapes included. */
export const MAX_TITLE = 80;
/** Longest statement: leaves room in the announcement's 4,096 characters for the standings. */
export const MAX_STATEMENT = 1500;

const sentLength = (text: string): number => escapeHtml(text).length;

/** The next step of a draft after the teacher's text, and what to answer. */
export function advanceDraft(
  deps: BotDependencies,
  ctx: BotContext,
  draft: TaskDraft,
  text: string,
): { draft: TaskDraft; answer: string } {
  const clean = text.trim();
  if (draft.step === 'title') {
    if (clean === '' || sentLength(clean) > MAX_TITLE || clean.includes('\n'))
      return { draft, answer: ctx.t('exercise.create.badTitle', { max: MAX_TITLE }) };
    const next: TaskDraft = { ...draft, step: 'statement', title: clean };
    return { draft: next, answer: ctx.t('exercise.create.askStatement', { max: MAX_STATEMENT }) };
  }
  if (draft.step === 'statement') {
    if (clean === '' || sentLength(clean) > MAX_STATEMENT)
      return { draft, answer: ctx.t('exercise.create.badStatement', { max: MAX_STATEMENT }) };
    return { draft: { ...draft, step: 'rows', statement: clean }, answer: ctx.t('exercise.create.askRows') };
  }
  const { maxRows, maxInputs, maxMessageLength } = deps.config.limits;
  const parsed = parseRows(text.slice(0, maxMessageLength), {
    limits: { maxRows, maxInputs },
    existingRows: draft.rows.length,
    ...(draft.rows[0] ? { expectedInputs: draft.rows[0].inputs.length } : {}),
  });
  if (!parsed.ok)
    return {
      draft,
      answer: renderRowErrors(
        ctx.t,
        parsed.errors,
        parsed.errors.length >= MAX_ROW_ERRORS,
        undefined,
        TASK_ROW_WORDING,
      ),
    };
  const rows = [...draft.rows, ...parsed.rows];
  const total = formatUnits(ctx.t, ctx.language, 'rows', rows.length);
  return { draft: { ...draft, rows }, answer: ctx.t('exercise.create.rowsAdded', { total }) };
}

/** Stores a finished draft as an own task with a new code; its owner's list gets the code. */
export async function saveDraft(deps: BotDependencies, ctx: BotContext, draft: TaskDraft): Promise<TaskDoc> {
  const task: TaskDoc = {
    version: 1,
    code: createExerciseCode(),
    ownerId: senderId(ctx),
    title: draft.title ?? '',
    statement: draft.statement ?? '',
    inputs: draft.rows[0]?.inputs.length ?? 0,
    hidden: draft.rows,
    createdAt: Date.now(),
  };
  await deps.exercises.tasks.update(taskKey(task.code), () => task);
  await updateExerciseUser(deps.exercises, task.ownerId, (doc) => {
    const { draft: _, ...rest } = doc;
    return { ...rest, ownTasks: [...doc.ownTasks, task.code] };
  });
  return task;
}
