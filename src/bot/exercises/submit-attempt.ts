import { isTrained, rowsTrainedOf } from '../../core/model.js';
import { scoreModel } from '../../exercises/score.js';
import { type Recorded, recordAttempt, type Student } from '../../exercises/standings.js';
import type { Attempt, Entry } from '../../exercises/types.js';
import { type BotContext, isGroupChat, senderId } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { formatUnits } from '../kit/render/numbers.js';
import { readPerceptron } from '../kit/state/perceptron-state.js';
import { updateOnce } from '../kit/state/update-once.js';
import { createEntryDoc, type ExerciseRun } from './exercise-documents.js';
import { countTaskSubmission, entryKey, findGroup, readExerciseUser, readGroup } from './exercise-state.js';
import { refuseOutsider } from './member-status.js';
import { describeTask } from './render-announcement.js';
import { rememberEntry, withStandings } from './standings-cache.js';

/** What a submission came to: a sentence for a refusal, or the scored attempt and the standings after it. */
export type SubmitOutcome =
  | { ok: false; text: string }
  | { ok: true; chatId: number; run: ExerciseRun; attempt: Attempt; entry: Entry; left: number };

type Target = { ok: true; chatId: number; run: ExerciseRun } | { ok: false; text: string };

/**
 * The group whose exercise the sender submits to: this group, or in private the one they work for; only
 * a member of it may submit (one who left, or whom Telegram cannot vouch for, is refused).
 */
async function findTarget(deps: BotDependencies, ctx: BotContext): Promise<Target> {
  const found = await findRun(deps, ctx);
  if (!found.ok) return found;
  const notMember = ctx.t('exercise.submit.notMember', { group: found.run.groupTitle });
  const refusal = await refuseOutsider(deps, ctx, found.chatId, notMember);
  return refusal ? { ok: false, text: refusal } : found;
}

async function findRun(deps: BotDependencies, ctx: BotContext): Promise<Target> {
  if (isGroupChat(ctx)) {
    const chatId = ctx.chat?.id as number;
    const run = (await readGroup(deps.exercises, chatId)).current;
    return run ? { ok: true, chatId, run } : { ok: false, text: ctx.t('exercise.submit.noExercise') };
  }
  const current = (await readExerciseUser(deps.exercises, senderId(ctx))).current;
  if (!current) return { ok: false, text: ctx.t('exercise.submit.noExercisePrivate') };
  const { chatId, doc } = await findGroup(deps.exercises, current.chatId);
  const run = doc.current;
  if (run?.runId !== current.runId)
    return { ok: false, text: ctx.t('exercise.submit.ended', { title: current.title }) };
  return { ok: true, chatId, run };
}

/**
 * Scores the sender's own perceptron (the key comes from the sender's id) on the exercise's hidden rows
 * and records the attempt. Only totals come back: accuracy, loss and how many rows are wrong.
 */
export async function submitAttempt(deps: BotDependencies, ctx: BotContext): Promise<SubmitOutcome> {
  const target = await findTarget(deps, ctx);
  if (!target.ok) return target;
  const scored = await scoreSender(deps, ctx, target.run);
  if (!scored.ok) return scored;
  return recordSubmission(deps, ctx, target, scored.attempt);
}

type Scored = { ok: true; attempt: Attempt } | { ok: false; text: string };

async function scoreSender(deps: BotDependencies, ctx: BotContext, run: ExerciseRun): Promise<Scored> {
  const { rows, model } = await readPerceptron(deps, ctx);
  if (!model || !isTrained(model)) return { ok: false, text: ctx.t('exercise.submit.untrained') };
  const score = scoreModel(model, run.task.hidden);
  if (!score.ok) {
    const inputs = (n: number) => formatUnits(ctx.t, ctx.language, 'inputs', n);
    const vars = {
      expected: inputs(score.expected),
      actual: inputs(score.actual),
      expectedNumber: score.expected,
    };
    return { ok: false, text: ctx.t('exercise.submit.inputs', vars) };
  }
  const attempt: Attempt = {
    accuracy: score.accuracy,
    loss: Number.isFinite(score.loss) ? score.loss : 1,
    wrong: score.wrong,
    // What the weights learned from: rows cleared or added since then change nothing.
    rows: rowsTrainedOf(model, rows.length),
    epochs: model.epochsTrained,
    at: Date.now(),
  };
  return { ok: true, attempt };
}

const studentOf = (ctx: BotContext): Student => ({
  userId: senderId(ctx),
  name: [ctx.from?.first_name, ctx.from?.last_name].filter(Boolean).join(' '),
  ...(ctx.from?.username ? { username: ctx.from.username } : {}),
});

/**
 * Adds the attempt to the student's entry, a document of their own, unless they have no submissions left.
 * Should the run end meanwhile, the student is told so: the final table was taken without this one.
 */
async function recordSubmission(
  deps: BotDependencies,
  ctx: BotContext,
  target: { chatId: number; run: ExerciseRun },
  attempt: Attempt,
): Promise<SubmitOutcome> {
  const { runId } = target.run;
  const student = studentOf(ctx);
  const limit = deps.config.limits.exerciseSubmissions;
  const result: { recorded?: Recorded } = {};
  const { task } = target.run;
  const update = { id: ctx.update.update_id, create: createEntryDoc };
  const key = entryKey(runId, student.userId);
  const { doc, duplicate } = await updateOnce(deps.exercises.entries, key, update, async (doc) => {
    const counts = (taskSubmissions: number) => {
      result.recorded = recordAttempt(doc.entry, student, attempt, limit, taskSubmissions);
      return result.recorded.ok;
    };
    // An own task's hidden rows may run again: its submissions are counted across its runs.
    if (task.kind === 'custom') await countTaskSubmission(deps.exercises, student.userId, task.id, counts);
    else counts(0);
    return result.recorded?.ok ? { ...doc, entry: result.recorded.entry } : doc;
  });
  // Applied before a crash that may have come before its answer, and delivered again: counted once, and
  // answered from what is stored (perhaps a second time; never not at all).
  if (duplicate && doc.entry) {
    const left = Math.max(0, limit - doc.entry.submissions);
    result.recorded = { ok: true, entry: doc.entry, improved: false, left };
  }
  const { recorded } = result;
  if (!recorded?.ok) {
    const key = recorded?.reason === 'task' ? 'exercise.submit.taskLimit' : 'exercise.submit.limit';
    return { ok: false, text: ctx.t(key, { limit }) };
  }
  await rememberEntry(deps, runId, recorded.entry);
  const current = (await readGroup(deps.exercises, target.chatId)).current;
  if (current?.runId !== runId) {
    const title = describeTask(ctx.t, target.run.task).title;
    return { ok: false, text: ctx.t('exercise.submit.ended', { title }) };
  }
  const run = await withStandings(deps, current);
  return { ok: true, chatId: target.chatId, run, attempt, entry: recorded.entry, left: recorded.left };
}
