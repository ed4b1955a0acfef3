import { cutText } from '../../core/cut-text.js';
import { BUILTIN_TASKS, findBuiltinTask } from '../../exercises/builtin-tasks.js';
import { parseDuration } from '../../exercises/deadline.js';
import { createRunId, parseExerciseCode } from '../../exercises/exercise-code.js';
import { readTimeZone } from '../../exercises/time-zone.js';
import type { ExerciseTask } from '../../exercises/types.js';
import { type BotContext, senderId } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { reply } from '../kit/reply.js';
import { workInPrivateKeyboard } from './board-edits.js';
import type { ExerciseRun } from './exercise-documents.js';
import { scheduleDeadline } from './exercise-end.js';
import { readGroup, taskKey, updateGroup } from './exercise-state.js';
import { describeTask, renderAnnouncement } from './render-announcement.js';

type Found = { ok: true; task: ExerciseTask } | { ok: false; text: string };

/** A built-in task by name, or an own task of the sender's by its code; a sentence when there is none. */
async function findTask(deps: BotDependencies, ctx: BotContext, name: string): Promise<Found> {
  const builtin = findBuiltinTask(name);
  if (builtin) {
    const hidden = builtin.hidden.map((row) => ({ inputs: [...row.inputs], output: row.output }));
    return { ok: true, task: { id: builtin.name, kind: 'builtin', inputs: builtin.inputs, hidden } };
  }
  const code = parseExerciseCode(name);
  const stored = code ? await deps.exercises.tasks.read(taskKey(code)) : undefined;
  if (stored?.deleted) return { ok: false, text: ctx.t('exercise.deletedTask', { code: stored.code }) };
  if (!stored) {
    const names = BUILTIN_TASKS.map((task) => task.name).join(', ');
    return { ok: false, text: ctx.t('exercise.unknownTask', { name: cutText(name, 40), names }) };
  }
  // The code reaches students (it is typed in the class group): knowing it must not let anyone run the
  // hidden rows again, in a group of their own.
  if (stored.ownerId !== senderId(ctx))
    return { ok: false, text: ctx.t('exercise.notTaskOwner', { code: stored.code }) };
  const { code: id, inputs, hidden, title, statement } = stored;
  return { ok: true, task: { id, kind: 'custom', inputs, hidden, title, statement } };
}

/** The deadline a teacher typed, as a time; a sentence when it is not one. */
function readDeadline(ctx: BotContext, deps: BotDependencies, text: string | undefined) {
  if (!text) return { ok: true as const, deadline: undefined };
  const maxMinutes = deps.config.limits.exerciseMaxMinutes;
  const parsed = parseDuration(text, maxMinutes * 60_000);
  if (parsed.ok) return { ok: true as const, deadline: Date.now() + parsed.ms };
  const vars = { text: cutText(text, 20), max: maxMinutes };
  const reasons = {
    format: () => ctx.t('exercise.badDeadline.format', vars),
    notPositive: () => ctx.t('exercise.badDeadline.notPositive', vars),
    tooLong: () => ctx.t('exercise.badDeadline.tooLong', vars),
  };
  return { ok: false as const, text: reasons[parsed.reason]() };
}

const fullName = (ctx: BotContext): string =>
  [ctx.from?.first_name, ctx.from?.last_name].filter(Boolean).join(' ') || String(senderId(ctx));

/** Starts a task in the sender's group (the caller checked they are an admin) and posts the announcement. */
export async function startExercise(
  deps: BotDependencies,
  ctx: BotContext,
  name: string,
  timeText: string | undefined,
): Promise<void> {
  const chatId = ctx.chat?.id as number;
  const found = await findTask(deps, ctx, name);
  if (!found.ok) return void (await reply(ctx, found.text));
  const time = readDeadline(ctx, deps, timeText);
  if (!time.ok) return void (await reply(ctx, time.text));
  const run = createRun(ctx, found.task, time.deadline);
  let running: ExerciseRun | undefined;
  let timeZone: string | undefined;
  await updateGroup(deps.exercises, chatId, (doc) => {
    running = doc.current;
    timeZone = doc.timeZone;
    return running ? doc : { ...doc, current: run };
  });
  if (running) {
    const title = describeTask(ctx.t, running.task).title;
    return void (await reply(ctx, ctx.t('exercise.alreadyRunning', { title })));
  }
  await postAnnouncement(deps, ctx, chatId, run, readTimeZone(timeZone));
  scheduleDeadline(deps, ctx.telegram, chatId, run);
}

function createRun(ctx: BotContext, task: ExerciseTask, deadline: number | undefined): ExerciseRun {
  return {
    runId: createRunId(),
    task,
    teacherId: senderId(ctx),
    teacherName: fullName(ctx),
    language: ctx.language,
    groupTitle: ctx.chat && 'title' in ctx.chat ? ctx.chat.title : '',
    startedAt: Date.now(),
    ...(deadline ? { deadline } : {}),
    entries: [],
  };
}

/** The announcement, whose id is stored so that it can become the standings. */
async function postAnnouncement(
  deps: BotDependencies,
  ctx: BotContext,
  chatId: number,
  run: ExerciseRun,
  timeZone: string,
) {
  const text = renderAnnouncement(ctx.t, ctx.language, run, {
    submissionLimit: deps.config.limits.exerciseSubmissions,
    timeZone,
    now: Date.now(),
  });
  const message = await ctx.telegram.sendMessage(chatId, text, {
    parse_mode: 'HTML',
    reply_markup: { inline_keyboard: workInPrivateKeyboard(deps, chatId, run) },
  });
  await updateGroup(deps.exercises, chatId, (doc) =>
    doc.current?.runId === run.runId
      ? { ...doc, current: { ...doc.current, announcementId: message.message_id } }
      : doc,
  );
}

/** The group's running exercise, if any. */
export async function readRunning(deps: BotDependencies, chatId: number): Promise<ExerciseRun | undefined> {
  return (await readGroup(deps.exercises, chatId)).current;
}
