import type { Language } from '../../config/config.js';
import { findBuiltinTask } from '../../exercises/builtin-tasks.js';
import type { ExerciseTask } from '../../exercises/types.js';
import type { Translate } from '../../i18n/i18n.js';
import { formatUnits } from '../kit/render/numbers.js';
import { MESSAGE_LIMIT } from '../kit/reply.js';
import type { ExerciseRun } from './exercise-documents.js';
import { renderBoard } from './render-board.js';
import { renderDeadline } from './render-deadline.js';
import { TASK_TEXTS } from './task-texts.js';

/** A task's title and statement in the language asked: built-in ones from the locales, own ones as typed. */
export function describeTask(t: Translate, task: ExerciseTask): { title: string; statement: string } {
  const builtin = task.kind === 'builtin' ? findBuiltinTask(task.id) : undefined;
  const texts = builtin && TASK_TEXTS[builtin.name];
  if (texts) return { title: t(texts.title), statement: t(texts.statement) };
  return { title: task.title ?? task.id, statement: task.statement ?? '' };
}

export interface AnnouncementView {
  submissionLimit: number;
  /** The group's time zone and the time now: the deadline is shown on the class's clock, with the time left. */
  timeZone: string;
  now: number;
  /** Set once the exercise is over: the final table, and xor's explanation. */
  ended?: 'teacher' | 'deadline';
}

/**
 * The group's announcement: title, statement, deadline, how to take part, and the standings below,
 * the same message edited as students submit. Never any hidden row: only their number.
 */
export function renderAnnouncement(
  t: Translate,
  language: Language,
  run: ExerciseRun,
  view: AnnouncementView,
): string {
  const { title, statement } = describeTask(t, run.task);
  const builtin = run.task.kind === 'builtin' ? findBuiltinTask(run.task.id) : undefined;
  const explanation = builtin?.unlearnable ? TASK_TEXTS[builtin.name].explanation : undefined;
  const head = [
    t('exercise.announce.title', { title }),
    // The statement is text someone typed or a locale text: t() escapes it as a variable.
    t('exercise.announce.statement', { statement }),
    t('exercise.announce.inputs', {
      inputs: formatUnits(t, language, 'inputs', run.task.inputs),
      hidden: formatUnits(t, language, 'rows', run.task.hidden.length),
    }),
  ];
  if (run.deadline && !view.ended) head.push(renderDeadline(t, run.deadline, view.now, view.timeZone));
  if (!view.ended) {
    head.push(
      `${t('exercise.announce.howTo', { limit: view.submissionLimit })} ${t('exercise.board.ranking')}`,
    );
  } else {
    head.push(view.ended === 'deadline' ? t('exercise.announce.timeUp') : t('exercise.announce.ended'));
    if (explanation) head.push(t(explanation));
  }
  // As many places as fit in one message: a long statement and long names leave room for fewer.
  for (const top of view.ended ? [50, 25, 10, 3] : [10, 3]) {
    const board = renderBoard(t, language, run.entries, { top, final: !!view.ended });
    const text = `${head.join('\n')}\n\n${board}`;
    if (text.length <= MESSAGE_LIMIT || top === 3) return text;
  }
  return head.join('\n');
}
