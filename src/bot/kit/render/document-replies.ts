import type { Language } from '../../../config/config.js';
import type { DecodeFailure } from '../../../files/decode-text.js';
import type { PerceptronFileError, PerceptronFileErrorCode } from '../../../files/perceptron-file-read.js';
import type { Translate } from '../../../i18n/i18n.js';
import type { LocaleKey } from '../../../i18n/locale-keys.js';
import { formatBytes } from './file-texts.js';

/** Why a document was not read, in words; `name` is the file's name, already cut to a short length. */
export function renderNotText(t: Translate, reason: DecodeFailure | 'unsupported', name: string): string {
  switch (reason) {
    case 'empty':
      return t('files.empty', { name });
    case 'spreadsheet':
      return t('files.spreadsheet', { name });
    case 'binary':
      return t('files.binary', { name });
    case 'unsupported':
      return t('files.notData', { name });
  }
}

/** A file over the size limit; `size` is undefined when the download stopped at the limit, size unknown. */
export function renderTooBig(
  t: Translate,
  language: Language,
  file: { name: string; size: number | undefined; limit: number },
): string {
  const size = (bytes: number) => formatBytes(t, language, bytes);
  if (file.size === undefined) return t('files.tooBigUnknown', { name: file.name, limit: size(file.limit) });
  return t('files.tooBig', { name: file.name, size: size(file.size), limit: size(file.limit) });
}

/** The sentence of each reason a perceptron file is refused. */
const PERCEPTRON_FILE_ERROR_KEYS: Record<PerceptronFileErrorCode, LocaleKey> = {
  'not-json': 'files.notJson',
  'not-perceptron': 'files.notPerceptron',
  'wrong-version': 'files.wrongVersion',
  'bad-value': 'files.badValue',
  'too-many-rows': 'files.tooManyRows',
  'too-many-inputs': 'files.tooManyInputs',
};

/** Why a perceptron file was refused: one sentence, ending with "nothing changed". */
export function renderPerceptronFileError(t: Translate, error: PerceptronFileError, name: string): string {
  const vars = { name, field: error.field ?? '', expected: error.expected, actual: error.actual };
  return t(PERCEPTRON_FILE_ERROR_KEYS[error.code], vars);
}
