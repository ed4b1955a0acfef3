import type { RowError } from '../../core/dataset-parse.js';
import type { Translate } from '../../i18n/i18n.js';

/** Names each bad line, what is wrong with it and how to fix it; `head` replaces the opening sentence. */
export function renderRowErrors(
  t: Translate,
  errors: readonly RowError[],
  capped: boolean,
  head = t('rows.rejected', { count: errors.length }),
): string {
  const lines = errors.map((error) =>
    t(`rowError.${error.code}`, {
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
