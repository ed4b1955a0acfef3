import { MAX_SEED } from '../../core/numpy-random.js';
import type { ModelSettings } from '../../core/types.js';
import { parseWholeNumber } from './whole-number.js';

export type SettingName = 'epochs' | 'lr' | 'seed' | 'activation' | 'bias';

/** The learning rate beyond which training only diverges; a sanity bound, shown in the message. */
export const MAX_LEARNING_RATE = 100;

const ALIASES: Record<string, SettingName> = {
  epochs: 'epochs',
  epoch: 'epochs',
  эпохи: 'epochs',
  lr: 'lr',
  rate: 'lr',
  learning_rate: 'lr',
  seed: 'seed',
  activation: 'activation',
  act: 'activation',
  bias: 'bias',
};
const ACTIVATIONS: Record<string, ModelSettings['activation']> = {
  sigmoid: 'sigmoid',
  сигмоида: 'sigmoid',
  step: 'step',
  threshold: 'step',
  ступенька: 'step',
};
const SWITCHES: Record<string, boolean> = {
  on: true,
  off: false,
  true: true,
  false: false,
  '1': true,
  '0': false,
  вкл: true,
  выкл: false,
};

export type SettingChange =
  | { ok: true; name: SettingName; settings: ModelSettings }
  | { ok: false; name?: SettingName; problem: 'unknown' | 'invalid' };

export const findSetting = (name: string): SettingName | undefined => ALIASES[name.toLowerCase()];

/** Applies `/set name value` to the settings, validating the value against its limit. */
export function changeSetting(
  settings: ModelSettings,
  name: string,
  value: string,
  maxEpochs: number,
): SettingChange {
  const setting = findSetting(name);
  if (!setting) return { ok: false, problem: 'unknown' };
  const text = value.trim().toLowerCase();
  const count = parseWholeNumber(text);
  const rate = text === '' ? Number.NaN : Number(text.replace(',', '.'));
  const invalid = { ok: false, name: setting, problem: 'invalid' } as const;
  const changed = (patch: Partial<ModelSettings>) =>
    ({ ok: true, name: setting, settings: { ...settings, ...patch } }) as const;
  switch (setting) {
    case 'epochs':
      return count !== undefined && count >= 1 && count <= maxEpochs ? changed({ epochs: count }) : invalid;
    case 'lr':
      return rate > 0 && rate <= MAX_LEARNING_RATE ? changed({ learningRate: rate }) : invalid;
    case 'seed':
      return count !== undefined && count <= MAX_SEED ? changed({ seed: count }) : invalid;
    case 'activation':
      return ACTIVATIONS[text] ? changed({ activation: ACTIVATIONS[text] }) : invalid;
    case 'bias':
      return text in SWITCHES ? changed({ bias: SWITCHES[text] as boolean }) : invalid;
  }
}
