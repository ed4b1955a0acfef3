import type { Language } from '../../config/config.js';
import { cutText } from '../../core/cut-text.js';
import { numberFormatFor } from '../../core/number-format.js';
import { rankEntries } from '../../exercises/standings.js';
import type { Entry } from '../../exercises/types.js';
import type { Translate } from '../../i18n/i18n.js';
import { formatUnits } from '../kit/render/numbers.js';

const MEDALS = ['🥇', '🥈', '🥉'];

/** A student as the board names them: their Telegram name, cut (t() escapes it for HTML). */
export const displayName = (entry: Pick<Entry, 'name'>): string => cutText(entry.name, 32);

/**
 * The standings: the first `top` places (medals on the first three when final), then a count of the
 * rest; a final table says how places are decided. Nothing of the hidden rows: only each student's
 * accuracy, rows and epochs.
 */
export function renderBoard(
  t: Translate,
  language: Language,
  entries: readonly Entry[],
  options: { top: number; final: boolean },
): string {
  if (entries.length === 0) return t('exercise.board.empty');
  const ranked = rankEntries(entries);
  const lines = ranked.slice(0, options.top).map((entry, i) =>
    t('exercise.board.line', {
      place: options.final && i < 3 ? MEDALS[i] : `${i + 1}.`,
      name: displayName(entry),
      accuracy: numberFormatFor(language).percent(entry.best.accuracy),
      rows: formatUnits(t, language, 'rows', entry.best.rows),
      epochs: formatUnits(t, language, 'epochs', entry.best.epochs),
    }),
  );
  const rest = ranked.length - options.top;
  return [
    t('exercise.board.title', { count: ranked.length }),
    ...(options.final ? [t('exercise.board.ranking')] : []),
    ...lines,
    ...(rest > 0 ? [t('exercise.board.more', { count: rest })] : []),
  ].join('\n');
}
