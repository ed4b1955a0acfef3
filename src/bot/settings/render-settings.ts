import type { PerceptronDoc } from '../kit/state/documents.js';
import type { Reader, Setting, SettingLimits } from './setting-entry.js';
import { SETTINGS } from './settings-table.js';

/** One line of /settings: "learning rate: 0.5". */
function renderSettingLine(reader: Reader, doc: PerceptronDoc, setting: Setting): string {
  return reader.t(setting.line, { value: setting.describe(reader, doc) });
}

/** The /settings message: a title and one line per setting. */
export function renderSettings(reader: Reader, doc: PerceptronDoc): string {
  const lines = SETTINGS.map((setting) => `• ${renderSettingLine(reader, doc, setting)}`);
  return [reader.t('settings.title'), ...lines].join('\n');
}

/** The answer to a change: the setting's line as it is now, and whether the weights start again. */
export function renderSettingChanged(reader: Reader, doc: PerceptronDoc, setting: Setting): string {
  if (setting.changed) return reader.t(setting.changed, { value: setting.describe(reader, doc) });
  const text = reader.t('settings.changed', { what: renderSettingLine(reader, doc, setting) });
  return setting.redrawsWeights && doc.model ? `${text}\n${reader.t('settings.weightsRedrawn')}` : text;
}

/** Why a value was refused, and the value that stays. */
export function renderSettingRefusal(
  reader: Reader,
  limits: SettingLimits,
  current: PerceptronDoc,
  setting: Setting,
  problem: 'invalid' | 'noGradient',
): string {
  const vars = { ...setting.refusalVars?.(reader, limits), value: setting.describe(reader, current) };
  return reader.t(
    problem === 'noGradient' && setting.noGradient ? setting.noGradient : setting.refusal,
    vars,
  );
}
