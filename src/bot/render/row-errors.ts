import type { RowError, RowErrorCode } from '../../core/dataset-parse.js';
import type { Translate } from '../../i18n/i18n.js';
import type { LocaleKey } from '../../i18n/locale-keys.js';

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

/** Names each bad line, what is wrong with it and how to fix it; `head` replaces the opening sentence. */
export function renderRowErrors(
  t: Translate,
  errors: readonly RowError[],
  capped: boolean,
  head = t('rows.rejected', { count: errors.length }),
): string {
  const lines = errors.map((error) =>
    t(ROW_ERROR_KEYS[error.code], {
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
