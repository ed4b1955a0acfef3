import { MAX_SEED } from '../../core/numpy-random.js';
import { readNumber, readWholeNumber } from '../../core/read-number.js';
import { MIN_POPULATION, type ModelSettings, type TrainingMethod } from '../../core/types.js';

export type SettingName =
  | 'epochs'
  | 'lr'
  | 'seed'
  | 'activation'
  | 'bias'
  | 'method'
  | 'population'
  | 'target';

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
  method: 'method',
  метод: 'method',
  population: 'population',
  популяция: 'population',
  target: 'target',
  цель: 'target',
};
const ACTIVATIONS: Record<string, ModelSettings['activation']> = {
  sigmoid: 'sigmoid',
  сигмоида: 'sigmoid',
  step: 'step',
  threshold: 'step',
  ступенька: 'step',
};
const METHODS: Record<string, TrainingMethod> = { gd: 'gd', rprop: 'rprop', genetic: 'genetic' };
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

const OFF = ['off', 'false', 'выкл', 'нет'];

/** What a setting may be: its limits from the config. */
export interface SettingLimits {
  maxEpochs: number;
  maxPopulation: number;
}

export type SettingChange =
  | { ok: true; name: SettingName; settings: ModelSettings }
  | { ok: false; name?: SettingName; problem: 'unknown' | 'invalid' | 'noGradient' };

const findSetting = (name: string): SettingName | undefined => ALIASES[name.toLowerCase()];

/** Applies `/set name value` to the settings, validating the value against its limit. */
export function changeSetting(
  settings: ModelSettings,
  name: string,
  value: string,
  limits: SettingLimits,
): SettingChange {
  const setting = findSetting(name);
  if (!setting) return { ok: false, problem: 'unknown' };
  const patch = parseValue(setting, value.trim().toLowerCase(), limits);
  if (!patch) return { ok: false, name: setting, problem: 'invalid' };
  const { target, ...rest } = { ...settings, ...patch };
  const changed: ModelSettings = target === null || target === undefined ? rest : { ...rest, target };
  // RProp follows the gradient, which the step activation does not have.
  if (changed.method === 'rprop' && changed.activation === 'step')
    return { ok: false, name: setting, problem: 'noGradient' };
  return { ok: true, name: setting, settings: changed };
}

type Patch = Partial<Omit<ModelSettings, 'target'>> & { target?: number | null };

function parseValue(setting: SettingName, text: string, limits: SettingLimits): Patch | undefined {
  const count = readWholeNumber(text);
  const number = readNumber(text);
  const rate = typeof number === 'number' ? number : Number.NaN;
  const when = (ok: boolean, patch: Patch) => (ok ? patch : undefined);
  switch (setting) {
    case 'epochs':
      return when(count !== undefined && count >= 1 && count <= limits.maxEpochs, { epochs: count });
    case 'lr':
      return when(rate > 0 && rate <= MAX_LEARNING_RATE, { learningRate: rate });
    case 'seed':
      return when(count !== undefined && count >= 0 && count <= MAX_SEED, { seed: count });
    case 'activation':
      return when(ACTIVATIONS[text] !== undefined, { activation: ACTIVATIONS[text] });
    case 'bias':
      return when(text in SWITCHES, { bias: SWITCHES[text] });
    case 'method':
      return when(METHODS[text] !== undefined, { method: METHODS[text] });
    case 'population':
      return when(count !== undefined && count >= MIN_POPULATION && count <= limits.maxPopulation, {
        population: count,
      });
    case 'target':
      if (OFF.includes(text)) return { target: null };
      return when(rate > 0 && rate < 1, { target: rate });
  }
}
