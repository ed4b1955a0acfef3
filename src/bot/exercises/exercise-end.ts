import type { Telegram } from 'telegraf';
import { readTimeZone } from '../../exercises/time-zone.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { BUTTON_CODES, encodeButton } from '../kit/callback-data.js';
import { cancelBoardEdit, scheduleClockEdits, takeBoard } from './board-edits.js';
import { clearTimer, setTimer } from './classroom.js';
import type { ExerciseRun } from './exercise-documents.js';
import { readGroup, updateGroup } from './exercise-state.js';
import { renderAnnouncement } from './render-announcement.js';
import { sendResultsFile } from './results-file.js';
import { forgetStandings, withStandings } from './standings-cache.js';

const deadlineKey = (chatId: number) => `deadline:${chatId}`;

/** Ends the run when its deadline comes, also if the bot restarted in between; its board counts down. */
export function scheduleDeadline(
  deps: BotDependencies,
  telegram: Telegram,
  chatId: number,
  run: Pick<ExerciseRun, 'runId' | 'deadline'>,
): void {
  if (run.deadline === undefined) return;
  const shared = deps.classroom.shared;
  if (shared) shared.scheduleDeadline(chatId, run.runId, run.deadline);
  else
    setTimer(deps.classroom, deadlineKey(chatId), run.deadline, () =>
      deps.background.track(endExercise(deps, telegram, chatId, run.runId, 'deadline')),
    );
  scheduleClockEdits(deps, telegram, chatId, run.deadline);
}

/** Stops the group's deadline timer and its board's edits (its exercise moved or ended). */
export function cancelDeadline(deps: BotDependencies, chatId: number): void {
  clearTimer(deps.classroom, deadlineKey(chatId));
  cancelBoardEdit(deps, chatId);
}

/** At start: a timer for every running exercise with a deadline (a past one ends it at once). */
export async function resumeDeadlines(deps: BotDependencies, telegram: Telegram): Promise<number> {
  let resumed = 0;
  for (const key of await deps.exercises.groups.keys('group')) {
    const chatId = Number(key.slice('group'.length));
    const run = (await readGroup(deps.exercises, chatId)).current;
    if (!Number.isSafeInteger(chatId) || run?.deadline === undefined) continue;
    scheduleDeadline(deps, telegram, chatId, run);
    resumed += 1;
  }
  return resumed;
}

/**
 * Closes the group's run if it is still `runId`: it becomes the last run, the announcement becomes the
 * final table, and the teacher gets the results file in private, or a [Get results] button in the group.
 * Undefined when that run had already ended.
 */
export async function endExercise(
  deps: BotDependencies,
  telegram: Telegram,
  chatId: number,
  runId: string,
  reason: 'teacher' | 'deadline',
): Promise<ExerciseRun | undefined> {
  let ended: ExerciseRun | undefined;
  let timeZone: string | undefined;
  // The entries are taken inside the group's update: a submission checks the run after its own write,
  // so it is either in this table or told that the exercise is over.
  await updateGroup(deps.exercises, chatId, async (doc) => {
    if (doc.current?.runId !== runId) return doc;
    timeZone = doc.timeZone;
    ended = { ...(await withStandings(deps, doc.current)), endedAt: Date.now() };
    const { current: _, ...rest } = doc;
    return { ...rest, last: ended };
  });
  if (!ended) return undefined;
  forgetStandings(deps, runId);
  clearTimer(deps.classroom, deadlineKey(chatId));
  cancelBoardEdit(deps, chatId);
  const view = { ended: reason, timeZone: readTimeZone(timeZone) };
  deps.background.track(showFinalTable(deps, telegram, chatId, ended, view));
  await deliverResults(deps, telegram, chatId, ended, view.timeZone);
  return ended;
}

async function showFinalTable(
  deps: BotDependencies,
  telegram: Telegram,
  chatId: number,
  run: ExerciseRun,
  view: { ended: 'teacher' | 'deadline'; timeZone: string },
): Promise<void> {
  if (run.announcementId === undefined) return;
  // The final table is one more edit of the board: it keeps to the same interval.
  const due = (deps.classroom.boardEdits.get(chatId) ?? 0) + deps.classroom.boardIntervalMs;
  if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
  const wait = await takeBoard(deps, chatId);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  deps.classroom.boardEdits.set(chatId, Date.now());
  const t = deps.i18n.translatorFor(run.language);
  const limit = deps.config.limits.exerciseSubmissions;
  const text = renderAnnouncement(t, run.language, run, { ...view, submissionLimit: limit, now: Date.now() });
  await telegram
    .editMessageText(chatId, run.announcementId, undefined, text, { parse_mode: 'HTML' })
    .catch((error: unknown) => deps.logger.warn({ err: error, chatId }, 'could not show the final table'));
}

/** The results file to the teacher; one line in the group says where it went, or how to get it. */
async function deliverResults(
  deps: BotDependencies,
  telegram: Telegram,
  chatId: number,
  run: ExerciseRun,
  timeZone: string,
): Promise<void> {
  const t = deps.i18n.translatorFor(run.language);
  const sent = await sendResultsFile(deps, telegram, run, run.teacherId, timeZone);
  const name = run.teacherName;
  const text = sent
    ? t('exercise.end.csvSent', { name })
    : t('exercise.end.csvStartFirst', { name, bot: deps.classroom.botUsername });
  const keyboard = sent
    ? undefined
    : [
        [
          {
            text: t('exercise.buttons.getResults'),
            callback_data: encodeButton(BUTTON_CODES.exerciseResults, run.teacherId, run.runId),
          },
        ],
      ];
  await telegram.sendMessage(chatId, text, {
    parse_mode: 'HTML',
    ...(run.announcementId
      ? { reply_parameters: { message_id: run.announcementId, allow_sending_without_reply: true } }
      : {}),
    ...(keyboard ? { reply_markup: { inline_keyboard: keyboard } } : {}),
  });
}
