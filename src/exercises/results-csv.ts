import { type CsvDialect, writeCsvLines } from '../files/csv-write.js';
import { formatDateTime } from './time-zone.js';
import type { Entry } from './types.js';

/** The results file's columns, in order; their names are given in the teacher's language. */
export const RESULTS_COLUMNS = [
  'place',
  'userId',
  'name',
  'username',
  'submissions',
  'accuracy',
  'loss',
  'rows',
  'epochs',
  'firstSubmission',
  'bestSubmission',
] as const;

export type ResultsColumn = (typeof RESULTS_COLUMNS)[number];

/**
 * The CSV that each language's spreadsheet opens into columns with a double click: Russian Excel splits on
 * `;`, since its decimal mark is the comma, English Excel on `,`; both need the BOM to read UTF-8 names.
 */
export const SPREADSHEET_DIALECTS: Readonly<Record<'en' | 'ru', CsvDialect>> = {
  en: { separator: ',', decimalMark: '.', byteOrderMark: true },
  ru: { separator: ';', decimalMark: ',', byteOrderMark: true },
};

export interface ResultsFormat {
  /** Each column's name, in the teacher's language. */
  headers: Readonly<Record<ResultsColumn, string>>;
  /** The group's time zone: the submissions' times are written on its clock. */
  timeZone: string;
  dialect: CsvDialect;
}

/** An accuracy in percent with one decimal at most, as the board shows it: 87.5, 100. */
export const accuracyPercent = (accuracy: number): number => Math.round(accuracy * 1000) / 10;

/** A loss as the submission's reply showed it: four decimals, or three significant digits below 0.001. */
export const roundLoss = (loss: number): number =>
  loss >= 0.001 ? Math.round(loss * 10_000) / 10_000 : Number(loss.toPrecision(3));

/**
 * One line per student in ranking order, with a header, through the bot's one CSV writer: names and
 * usernames, which students choose, cannot run as formulas in a spreadsheet.
 */
export function writeResultsCsv(ranked: readonly Entry[], format: ResultsFormat): string {
  const time = (ms: number): string => formatDateTime(ms, format.timeZone);
  const lines = ranked.map((entry, i) => [
    i + 1,
    entry.userId,
    entry.name,
    entry.username ?? '',
    entry.submissions,
    accuracyPercent(entry.best.accuracy),
    roundLoss(entry.best.loss),
    entry.best.rows,
    entry.best.epochs,
    time(entry.firstAt),
    time(entry.best.at),
  ]);
  const header = RESULTS_COLUMNS.map((column) => format.headers[column]);
  return writeCsvLines([header, ...lines], format.dialect);
}
