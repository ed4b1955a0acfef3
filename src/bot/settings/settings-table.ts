import { methodOf, populationOf } from '../../core/model.js';
import { formatCount, numberFormatFor } from '../../core/number-format.js';
import { MAX_SEED } from '../../core/numpy-random.js';
import { readNumber, readWholeNumber } from '../../core/read-number.js';
import {
  type Activation,
  MAX_LEARNING_RATE,
  MIN_POPULATION,
  TRAINING_METHODS,
  type TrainingMethod,
} from '../../core/types.js';
import { nameMethod } from '../kit/render/method-name.js';
import { formatUnits } from '../kit/render/numbers.js';
import { defineSetting, inSettings, lookUp, type Reader, settingsField } from './setting-entry.js';

/** The learning rate beyond which training only diverges; a sanity bound, shown in the message. */

const ACTIVATIONS: Record<string, Activation> = {
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

const readRate = (text: string) => {
  const number = readNumber(text);
  return typeof number === 'number' ? number : undefined;
};
const onOff = (reader: Reader, on: boolean) => reader.t(on ? 'settings.on' : 'settings.off');
const always = () => true;

const epochs = defineSetting<number>({
  name: 'epochs',
  aliases: ['epoch', 'эпохи'],
  parse: readWholeNumber,
  validate: (n, limits) => n >= 1 && n <= limits.maxEpochs,
  ...settingsField('epochs'),
  render: (reader, n) => formatCount(n, reader.language),
  line: 'settings.epochs',
  refusal: 'settings.badEpochs',
  refusalVars: (reader, limits) => ({ max: formatCount(limits.maxEpochs, reader.language) }),
  buttons: {
    row: 2,
    choices: (reader, limits) =>
      [1000, 5000, 20_000]
        .filter((n) => n <= limits.maxEpochs)
        .map((n) => [formatUnits(reader.t, reader.language, 'epochs', n), String(n)]),
  },
});

const learningRate = defineSetting<number>({
  name: 'lr',
  aliases: ['rate', 'learning_rate'],
  parse: readRate,
  validate: (rate) => rate > 0 && rate <= MAX_LEARNING_RATE,
  ...settingsField('learningRate'),
  render: (reader, rate) => numberFormatFor(reader.language).value(rate),
  line: 'settings.lr',
  refusal: 'settings.badLr',
  refusalVars: () => ({ max: MAX_LEARNING_RATE }),
  buttons: {
    row: 3,
    choices: (reader) =>
      ['0.1', '0.5', '1'].map((lr) => [
        reader.t('settings.lrButton', { value: numberFormatFor(reader.language).value(Number(lr)) }),
        lr,
      ]),
  },
});

const seed = defineSetting<number>({
  name: 'seed',
  aliases: [],
  parse: readWholeNumber,
  validate: (n) => n >= 0 && n <= MAX_SEED,
  ...settingsField('seed'),
  render: (_, n) => String(n),
  line: 'settings.seed',
  refusal: 'settings.badSeed',
  redrawsWeights: true,
  buttons: {
    row: 4,
    choices: (reader) => ['1', '42'].map((n) => [reader.t('settings.seedButton', { value: n }), n]),
  },
});

const activation = defineSetting<Activation>({
  name: 'activation',
  aliases: ['act'],
  parse: lookUp(ACTIVATIONS),
  validate: always,
  ...settingsField('activation'),
  render: (reader, a) => reader.t(a === 'step' ? 'activation.step' : 'activation.sigmoid'),
  line: 'settings.activation',
  refusal: 'settings.badActivation',
  noGradient: 'methods.bad.noGradientActivation',
  buttons: {
    row: 0,
    choices: (reader) => [
      [reader.t('activation.sigmoid'), 'sigmoid'],
      [reader.t('activation.step'), 'step'],
    ],
  },
});

const bias = defineSetting<boolean>({
  name: 'bias',
  aliases: [],
  parse: lookUp(SWITCHES),
  validate: always,
  ...settingsField('bias'),
  render: onOff,
  line: 'settings.bias',
  refusal: 'settings.badBias',
  redrawsWeights: true,
  buttons: {
    row: 1,
    choices: (reader) =>
      [true, false].map((on) => [
        reader.t('settings.biasButton', { value: onOff(reader, on) }),
        on ? 'on' : 'off',
      ]),
  },
});

const method = defineSetting<TrainingMethod>({
  name: 'method',
  aliases: ['метод'],
  parse: lookUp(METHODS),
  validate: always,
  ...inSettings(methodOf, (s, m) => ({ ...s, method: m })),
  render: (reader, m) => nameMethod(reader.t, m),
  line: 'methods.setting.method',
  refusal: 'methods.bad.method',
  noGradient: 'methods.bad.noGradientMethod',
  buttons: {
    row: 5,
    choices: (reader) => TRAINING_METHODS.map((m) => [nameMethod(reader.t, m), m]),
  },
});

const population = defineSetting<number>({
  name: 'population',
  aliases: ['популяция'],
  parse: readWholeNumber,
  validate: (n, limits) => n >= MIN_POPULATION && n <= limits.maxPopulation,
  ...inSettings(populationOf, (s, n) => ({ ...s, population: n })),
  render: (reader, n) => formatCount(n, reader.language),
  line: 'methods.setting.population',
  refusal: 'methods.bad.population',
  refusalVars: (reader, limits) => ({
    min: MIN_POPULATION,
    max: formatCount(limits.maxPopulation, reader.language),
  }),
});

/** The loss to stop at; null: off. */
const target = defineSetting<number | null>({
  name: 'target',
  aliases: ['цель'],
  parse: (text) => (OFF.includes(text) ? null : readRate(text)),
  validate: (loss) => loss === null || (loss > 0 && loss < 1),
  ...inSettings(
    (s) => s.target ?? null,
    ({ target: _, ...rest }, loss) => (loss === null ? rest : { ...rest, target: loss }),
  ),
  render(reader, loss, settings) {
    if (loss === null) return reader.t('settings.off');
    const value = numberFormatFor(reader.language).value(loss);
    if (settings.activation === 'step') return reader.t('methods.setting.targetStep', { value });
    return value;
  },
  line: 'methods.setting.target',
  refusal: 'methods.bad.target',
  buttons: {
    row: 6,
    choices: (reader) => [
      [reader.t('methods.buttons.target', { value: numberFormatFor(reader.language).value(0.001) }), '0.001'],
      [reader.t('methods.buttons.targetOff'), 'off'],
    ],
  },
});

/** Whether a picture follows each training in a private chat; absent in the document means on. */
const pictures = defineSetting<boolean>({
  name: 'pictures',
  aliases: ['picture', 'картинки'],
  parse: lookUp(SWITCHES),
  validate: always,
  ofModel: false,
  read: (doc) => doc.pictures !== false,
  write: (doc, on) => ({ ...doc, pictures: on }),
  render: onOff,
  line: 'pictures.setting',
  refusal: 'pictures.settingBad',
  changed: 'pictures.settingChanged',
});

/** Every setting, in the order /settings lists them. */
export const SETTINGS = [epochs, learningRate, seed, activation, bias, method, population, target, pictures];
