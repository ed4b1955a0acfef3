import type { Language } from '../../../config/config.js';
import type { ColumnNames } from '../../../files/column-names.js';
import { safeFileName } from '../../../files/file-name.js';
import type { Translate } from '../../../i18n/i18n.js';
import type { BotContext } from '../bot-context.js';

/** `Columns: temperature, humidity → rain`. */
export function renderColumns(t: Translate, columns: ColumnNames): string {
  return t('files.columns', { inputs: columns.inputs.join(', '), output: columns.output });
}

/** The base of the member's file names: `perceptron-alice`, or `perceptron-123` without a username. */
export function exportFileName(ctx: BotContext, extension: 'csv' | 'json'): string {
  return safeFileName(`perceptron-${ctx.from?.username ?? ctx.from?.id ?? ''}`, extension);
}

/** A size as people say it: 512 B, 12 KB, 1.5 MB (1,5 МБ in Russian). */
export function formatBytes(t: Translate, language: Language, bytes: number): string {
  const n = (value: number) => value.toLocaleString(language, { maximumFractionDigits: 1 });
  if (bytes < 1024) return t('files.sizeB', { n: n(bytes) });
  if (bytes < 1024 * 1024) return t('files.sizeKB', { n: n(bytes / 1024) });
  return t('files.sizeMB', { n: n(bytes / (1024 * 1024)) });
}
