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

// A spreadsheet reads a cell starting with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell of text someone else chose (a name): a leading formula character is kept as text with a quote. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, with quotes doubled. */
export function quoteField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** One line per student in ranking order, with a header; CRLF line ends as RFC 4180 has them. */
export function writeResultsCsv(ranked: readonly Entry[]): string {
  const lines = ranked.map((entry, i) =>
    [
      String(i + 1),
      String(entry.userId),
      neutralizeFormula(entry.name),
      neutralizeFormula(entry.username ?? ''),
      String(entry.submissions),
      String(entry.best.accuracy),
      String(entry.best.loss),
      String(entry.best.rows),
      String(entry.best.epochs),
      iso(entry.firstAt),
      iso(entry.best.at),
    ].map(quoteField),
  );
  return [HEADER, ...lines].map((fields) => `${fields.join(',')}\r\n`).join('');
}
