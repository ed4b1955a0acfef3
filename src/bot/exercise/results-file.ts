import type { Telegram } from 'telegraf';
import { writeResultsCsv } from '../../exercises/results-csv.js';
import { rankEntries } from '../../exercises/standings.js';
import type { BotDependencies } from '../bot-dependencies.js';
import type { ExerciseRun } from './exercise-documents.js';
import { describeTask } from './render-announcement.js';

/** `results-and-2026-12-01.csv`: the task and the day, in letters a file system takes everywhere. */
function fileName(run: ExerciseRun): string {
  const task = run.task.id.toLowerCase().replace(/[^a-z0-9-]/g, '');
  return `results-${task}-${new Date(run.startedAt).toISOString().slice(0, 10)}.csv`;
}

/**
 * Sends a run's results file to `userId` in private; false when Telegram refuses (the user has not
 * started the bot, or blocked it). The file is the standings only: never the hidden rows.
 */
export async function sendResultsFile(
  deps: BotDependencies,
  telegram: Telegram,
  run: ExerciseRun,
  userId: number,
): Promise<boolean> {
  const t = deps.i18n.translatorFor(run.language);
  const csv = writeResultsCsv(rankEntries(run.entries));
  const caption = t('exercise.end.csvCaption', {
    title: describeTask(t, run.task).title,
    group: run.groupTitle,
    count: run.entries.length,
  });
  try {
    await telegram.sendDocument(
      userId,
      { source: Buffer.from(csv, 'utf8'), filename: fileName(run) },
      { caption, parse_mode: 'HTML' },
    );
    return true;
  } catch (error) {
    deps.logger.info({ err: error, userId }, 'the results file could not be sent in private');
    return false;
  }
}
