import type { Telegram } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import { nextMinuteChange } from '../../exercises/deadline.js';
import { formatLinkPayload } from '../../exercises/exercise-code.js';
import { readTimeZone } from '../../exercises/time-zone.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
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
    deps.background.track(editWhenFree(deps, telegram, chatId));
  });
}

/**
 * With several instances, the interval holds across them: the edit takes the group's board in Redis
 * (0 when taken), or gets the milliseconds until another instance's edit's interval is over.
 */
export async function takeBoard(deps: BotDependencies, chatId: number): Promise<number> {
  const shared = deps.classroom.shared;
  if (!shared) return 0;
  try {
    return await shared.takeBoard(chatId, deps.classroom.boardIntervalMs);
  } catch (error) {
    deps.logger.warn({ err: error, chatId }, 'could not take the board in Redis; editing');
    return 0;
  }
}

/** Edits now, or, when another instance edited within the interval, asks again once it is over. */
async function editWhenFree(deps: BotDependencies, telegram: Telegram, chatId: number): Promise<void> {
  const wait = await takeBoard(deps, chatId);
  if (wait === 0) return editBoard(deps, telegram, chatId);
  deps.classroom.boardEdits.set(chatId, Date.now() + wait - deps.classroom.boardIntervalMs);
  requestBoardEdit(deps, telegram, chatId);
}

/** Stops a pending board edit and the clock's (the exercise ended and its final table takes over). */
export function cancelBoardEdit(deps: BotDependencies, chatId: number): void {
  clearTimer(deps.classroom, `board:${chatId}`);
  clearTimer(deps.classroom, `clock:${chatId}`);
}

// Node may run a timer a millisecond early; the edit must come after the minute turned.
const CLOCK_SLACK_MS = 50;

/**
 * Keeps the announcement's time left true: each time the whole minutes left change, one more board
 * edit is asked for (under the same interval as the standings' edits), until the deadline ends the run.
 */
export function scheduleClockEdits(
  deps: BotDependencies,
  telegram: Telegram,
  chatId: number,
  deadline: number,
  from = Date.now(),
): void {
  const at = nextMinuteChange(deadline, from);
  if (at >= deadline) return;
  setTimer(deps.classroom, `clock:${chatId}`, at + CLOCK_SLACK_MS, () => {
    requestBoardEdit(deps, telegram, chatId);
    scheduleClockEdits(deps, telegram, chatId, deadline, Math.max(Date.now(), at));
  });
}

async function editBoard(deps: BotDependencies, telegram: Telegram, chatId: number): Promise<void> {
  const doc = await readGroup(deps.exercises, chatId);
  const current = doc.current;
  if (!current?.announcementId) return;
  const run = await withStandings(deps, current);
  const t = deps.i18n.translatorFor(run.language);
  const text = renderAnnouncement(t, run.language, run, {
    submissionLimit: deps.config.limits.exerciseSubmissions,
    timeZone: readTimeZone(doc.timeZone),
    now: Date.now(),
  });
  await telegram
    .editMessageText(chatId, current.announcementId, undefined, text, {
      parse_mode: 'HTML',
      reply_markup: { inline_keyboard: workInPrivateKeyboard(deps, chatId, run) },
    })
    .catch((error: unknown) => deps.logger.warn({ err: error, chatId }, 'could not edit a board'));
}
