import type { Telegram } from 'telegraf';
import {
  type ResultsColumn,
  type ResultsFormat,
  SPREADSHEET_DIALECTS,
  writeResultsCsv,
} from '../../exercises/results-csv.js';
import { rankEntries } from '../../exercises/standings.js';
import { formatDateTime } from '../../exercises/time-zone.js';
import type { Translate } from '../../i18n/i18n.js';
import type { LocaleKey } from '../../i18n/locale-keys.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import type { ExerciseRun } from './exercise-documents.js';
import { describeTask } from './render-announcement.js';

const COLUMN_KEYS: Readonly<Record<ResultsColumn, LocaleKey>> = {
  place: 'exercise.resultsFile.place',
  userId: 'exercise.resultsFile.userId',
  name: 'exercise.resultsFile.name',
  username: 'exercise.resultsFile.username',
  submissions: 'exercise.resultsFile.submissions',
  accuracy: 'exercise.resultsFile.accuracy',
  loss: 'exercise.resultsFile.loss',
  rows: 'exercise.resultsFile.rows',
  epochs: 'exercise.resultsFile.epochs',
  firstSubmission: 'exercise.resultsFile.firstSubmission',
  bestSubmission: 'exercise.resultsFile.bestSubmission',
};

/** The file as the teacher's spreadsheet opens it: their language's headers and CSV, the group's clock. */
function resultsFormat(t: Translate, run: ExerciseRun, timeZone: string): ResultsFormat {
  const headers = Object.fromEntries(
    Object.entries(COLUMN_KEYS).map(([column, key]) => [column, t(key, { zone: timeZone })]),
  ) as Record<ResultsColumn, string>;
  return { headers, timeZone, dialect: SPREADSHEET_DIALECTS[run.language] };
}

/** `results-and-2026-12-01.csv`: the task and the day on the group's clock, in letters any file system takes. */
function fileName(run: ExerciseRun, timeZone: string): string {
  const task = run.task.id.toLowerCase().replace(/[^a-z0-9-]/g, '');
  return `results-${task}-${formatDateTime(run.startedAt, timeZone).slice(0, 10)}.csv`;
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
  timeZone: string,
): Promise<boolean> {
  const t = deps.i18n.translatorFor(run.language);
  const csv = writeResultsCsv(rankEntries(run.entries), resultsFormat(t, run, timeZone));
  const caption = t('exercise.end.csvCaption', {
    title: describeTask(t, run.task).title,
    group: run.groupTitle,
    count: run.entries.length,
  });
  try {
    await telegram.sendDocument(
      userId,
      { source: Buffer.from(csv, 'utf8'), filename: fileName(run, timeZone) },
      { caption, parse_mode: 'HTML' },
    );
    return true;
  } catch (error) {
    deps.logger.info({ err: error, userId }, 'the results file could not be sent in private');
    return false;
  }
}
