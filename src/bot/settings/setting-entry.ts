import type { Language } from '../../config/config.js';
import { withSettings } from '../../core/model.js';
import type { ModelSettings } from '../../core/types.js';
import type { Translate, TranslationVars } from '../../i18n/i18n.js';
import type { LocaleKey } from '../../i18n/locale-keys.js';
import type { PerceptronDoc } from '../kit/state/documents.js';

/** What a setting may be: its limits from the config. */
export interface SettingLimits {
  maxEpochs: number;
  maxPopulation: number;
}

/** Whom a setting is shown to: their language's words and number format. */
export interface Reader {
  t: Translate;
  language: Language;
}

/** What the answers and the keyboard of /set and /settings say of a setting. */
interface SettingTexts {
  /** The name /set takes and the /settings buttons carry. */
  name: string;
  /** Other words /set takes for it, in lower case. */
  aliases: readonly string[];
  /** The line of /settings, with the value as {{value}}. */
  line: LocaleKey;
  /** The answer to a value that is not allowed, with the value in force as {{value}}. */
  refusal: LocaleKey;
  refusalVars?(reader: Reader, limits: SettingLimits): TranslationVars;
  /** The answer to a change, with the new value as {{value}}; absent: "✅" and the setting's line. */
  changed?: LocaleKey;
  /** A setting of the model waits until the member's training is over; the others change at once. */
  ofModel: boolean;
  /** A new value gives the model other starting weights, and the answer says so. */
  redrawsWeights?: boolean;
  /** The answer when the change would pair RProp with the step activation, which has no gradient. */
  noGradient?: LocaleKey;
  /** The usual choices under /settings: their keyboard row, and each choice's label and value. */
  buttons?: { row: number; choices(reader: Reader, limits: SettingLimits): Array<[string, string]> };
}

/** How one setting is written down: its words, its values and where it is kept. */
export interface SettingSpec<V> extends SettingTexts {
  /** The value a text after `/set <name>` (trimmed, in lower case) stands for, or undefined. */
  parse(text: string): V | undefined;
  /** Whether a value is allowed: within its range and the config's limits. */
  validate(value: V, limits: SettingLimits): boolean;
  read(doc: PerceptronDoc): V;
  write(doc: PerceptronDoc, value: V): PerceptronDoc;
  /** The value as /settings and the answers to /set say it. */
  render(reader: Reader, value: V, settings: ModelSettings): string;
}

/** One entry of the settings table, as /set, /settings and the renderer use it. */
export interface Setting extends SettingTexts {
  /** The change a text after `/set <name>` asks for, or undefined when it is no allowed value. */
  change(text: string, limits: SettingLimits): ((doc: PerceptronDoc) => PerceptronDoc) | undefined;
  /** The value in force, as /settings says it. */
  describe(reader: Reader, doc: PerceptronDoc): string;
}

/** The table's entry for a setting's spec. */
export function defineSetting<V>(spec: SettingSpec<V>): Setting {
  const { parse, validate, read, write, render, ...texts } = spec;
  return {
    ...texts,
    change(text, limits) {
      const value = parse(text);
      return value !== undefined && validate(value, limits) ? (doc) => write(doc, value) : undefined;
    },
    describe: (reader, doc) => render(reader, read(doc), doc.settings),
  };
}

/** Reads and writes one field of the model's settings; the model follows the new settings. */
export function inSettings<V>(
  read: (settings: ModelSettings) => V,
  write: (settings: ModelSettings, value: V) => ModelSettings,
): Pick<SettingSpec<V>, 'read' | 'write' | 'ofModel'> {
  return {
    ofModel: true,
    read: (doc) => read(doc.settings),
    write(doc, value) {
      const settings = write(doc.settings, value);
      return { ...doc, settings, model: doc.model && withSettings(doc.model, settings) };
    },
  };
}

/** One of the fields every model's settings have, read and written as it is. */
export function settingsField<K extends 'epochs' | 'learningRate' | 'seed' | 'activation' | 'bias'>(
  field: K,
) {
  return inSettings<ModelSettings[K]>(
    (settings) => settings[field],
    (settings, value) => ({ ...settings, [field]: value }),
  );
}

/** The value a word stands for in `words`, or undefined (never one of Object's own properties). */
export const lookUp =
  <V>(words: Readonly<Record<string, V>>) =>
  (text: string): V | undefined =>
    Object.hasOwn(words, text) ? words[text] : undefined;
