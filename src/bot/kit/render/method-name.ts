import type { TrainingMethod } from '../../../core/types.js';
import type { Translate } from '../../../i18n/i18n.js';

/** A method's name in the user's language. */
export function nameMethod(t: Translate, method: TrainingMethod): string {
  switch (method) {
    case 'gd':
      return t('methods.names.gd');
    case 'rprop':
      return t('methods.names.rprop');
    case 'genetic':
      return t('methods.names.genetic');
  }
}
