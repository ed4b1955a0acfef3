import type { Telegram } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import { formatLinkPayload } from '../../exercises/exercise-code.js';
import type { BotDependencies } from '../bot-dependencies.js';
import { clearTimer, setTimer } from './classroom.js';
import type { ExerciseRun } from './exercise-documents.js';
import { readGroup } from './exercise-state.js';
import { renderAnnouncement } from './render-announcement.js';
import { withStandings } from './standings-cache.js';

/** The [Work in private] button: a deep link that opens the bot in private with this exercise. */
export function workInPrivateKeyboard(
  deps: BotDependencies,
  chatId: number,
  run: ExerciseRun,
): InlineKeyboardButton[][] {
  const t = deps.i18n.translatorFor(run.language);
  const payload = formatLinkPayload({ chatId, runId: run.runId });
  const url = `https://t.me/${deps.classroom.botUsername}?start=${payload}`;
  return [[{ text: t('exercise.buttons.workInPrivate'), url }]];
}

/**
 * Asks for the group's board to show the latest standings. Telegram allows about twenty messages a
 * minute per group, so one announcement is edited at most once per interval: a change inside the
 * interval is shown by one edit at its end, which reads the standings then, so the last change is
 * always shown.
 */
export function requestBoardEdit(deps: BotDependencies, telegram: Telegram, chatId: number): void {
  const { classroom } = deps;
  const key = `board:${chatId}`;
  if (classroom.timers.has(key)) return;
  const due = (classroom.boardEdits.get(chatId) ?? 0) + classroom.boardIntervalMs;
  setTimer(classroom, key, due, () => {
    // Marked before the edit's first await, so that a submission meanwhile waits a whole interval.
    classroom.boardEdits.set(chatId, Date.now());
    deps.background.track(editBoard(deps, telegram, chatId));
  });
}

/** Stops a pending board edit (the exercise ended and its final table takes over). */
export function cancelBoardEdit(deps: BotDependencies, chatId: number): void {
  clearTimer(deps.classroom, `board:${chatId}`);
}

async function editBoard(deps: BotDependencies, telegram: Telegram, chatId: number): Promise<void> {
  const current = (await readGroup(deps.exercises, chatId)).current;
  if (!current?.announcementId) return;
  const run = await withStandings(deps, current);
  const t = deps.i18n.translatorFor(run.language);
  const limit = deps.config.limits.exerciseSubmissions;
  const text = renderAnnouncement(t, run.language, run, { submissionLimit: limit });
  await telegram
    .editMessageText(chatId, current.announcementId, undefined, text, {
      parse_mode: 'HTML',
      reply_markup: { inline_keyboard: workInPrivateKeyboard(deps, chatId, run) },
    })
    .catch((error: unknown) => deps.logger.warn({ err: error, chatId }, 'could not edit a board'));
}
