import { writeCsvLines } from '../files/csv-write.js';
import type { Entry } from './types.js';

const HEADER = [
  'place',
  'user_id',
  'name',
  'username',
  'submissions',
  'best_accuracy',
  'loss',
  'rows',
  'epochs',
  'first_submission',
  'best_submission',
];

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * One line per student in ranking order, with a header, through the bot's one CSV writer: names and
 * usernames, which students choose, cannot run as formulas in a spreadsheet.
 */
export function writeResultsCsv(ranked: readonly Entry[]): string {
  const lines = ranked.map((entry, i) => [
    i + 1,
    entry.userId,
    entry.name,
    entry.username ?? '',
    entry.submissions,
    entry.best.accuracy,
    entry.best.loss,
    entry.best.rows,
    entry.best.epochs,
    iso(entry.firstAt),
    iso(entry.best.at),
  ]);
  return writeCsvLines([HEADER, ...lines]);
}
