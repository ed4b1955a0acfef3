import type { Activation } from '../../core/types.js';
import type { Translate } from '../../i18n/i18n.js';
import type { LocaleKey } from '../../i18n/locale-keys.js';

const ACTIVATION_KEYS: Readonly<Record<Activation, LocaleKey>> = {
  sigmoid: 'activation.sigmoid',
  step: 'activation.step',
};

/** The activation's name in the member's language. */
export function nameActivation(t: Translate, activation: Activation): string {
  return t(ACTIVATION_KEYS[activation]);
}
