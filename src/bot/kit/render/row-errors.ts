import type { RowError, RowErrorCode } from '../../../core/dataset-parse.js';
import type { Translate } from '../../../i18n/i18n.js';
import type { LocaleKey } from '../../../i18n/locale-keys.js';

const ROW_ERROR_KEYS: Readonly<Record<RowErrorCode, LocaleKey>> = {
  'no-arrow': 'rowError.no-arrow',
  'no-inputs': 'rowError.no-inputs',
  'no-output': 'rowError.no-output',
  'two-outputs': 'rowError.two-outputs',
  'not-a-number': 'rowError.not-a-number',
  'not-finite': 'rowError.not-finite',
  'invisible-character': 'invisible.row',
  'output-out-of-range': 'rowError.output-out-of-range',
  'width-mismatch': 'rowError.width-mismatch',
  'too-many-inputs': 'rowError.too-many-inputs',
  'too-many-rows': 'rowError.too-many-rows',
};

/** For rows that are not the member's dataset: sentences whose fix fits there (a task's hidden rows). */
export type RowErrorWording = Partial<Readonly<Record<RowErrorCode, LocaleKey>>>;

/** The hidden rows of a task being made: /cancel starts again, where /clear would clear the teacher's data. */
export const TASK_ROW_WORDING: RowErrorWording = {
  'width-mismatch': 'exercise.create.rowWidth',
  'too-many-rows': 'exercise.create.tooManyRows',
};

/**
 * Names each bad line, what is wrong with it and how to fix it; `head` replaces the opening sentence and
 * `wording` the sentences of some errors.
 */
export function renderRowErrors(
  t: Translate,
  errors: readonly RowError[],
  capped: boolean,
  head = t('rows.rejected', { count: errors.length }),
  wording: RowErrorWording = {},
): string {
  const lines = errors.map((error) =>
    t(wording[error.code] ?? ROW_ERROR_KEYS[error.code], {
      line: error.line,
      text: error.text,
      token: error.token ?? '',
      expected: error.expected,
      actual: error.actual,
      count: error.expected,
    }),
  );
  return [head, ...lines.map((line) => `• ${line}`), ...(capped ? [t('rows.moreErrors')] : [])].join('\n');
}
