import type { Language } from '../../../config/config.js';
import type { DecodeFailure } from '../../../files/decode-text.js';
import type { PerceptronFileError } from '../../../files/perceptron-file-read.js';
import type { Translate } from '../../../i18n/i18n.js';
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

/** Why a perceptron file was refused: one sentence, ending with "nothing changed". */
export function renderPerceptronFileError(t: Translate, error: PerceptronFileError, name: string): string {
  const vars = { name, field: error.field ?? '', expected: error.expected, actual: error.actual };
  switch (error.code) {
    case 'not-json':
      return t('files.notJson', vars);
    case 'not-perceptron':
      return t('files.notPerceptron', vars);
    case 'wrong-version':
      return t('files.wrongVersion', vars);
    case 'bad-value':
      return t('files.badValue', vars);
    case 'too-many-rows':
      return t('files.tooManyRows', vars);
    case 'too-many-inputs':
      return t('files.tooManyInputs', vars);
  }
}
