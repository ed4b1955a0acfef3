import { lacksGradient } from '../../core/model.js';
import type { PerceptronDoc } from '../kit/state/documents.js';
import type { Setting, SettingLimits } from './setting-entry.js';
import { SETTINGS } from './settings-table.js';

/** The setting /set knows by this word, in any case. */
export function findSetting(word: string): Setting | undefined {
  const name = word.toLowerCase();
  return SETTINGS.find((setting) => setting.name === name || setting.aliases.includes(name));
}

export type SettingChange =
  | { ok: true; apply: (doc: PerceptronDoc) => PerceptronDoc }
  | { ok: false; problem: 'invalid' | 'noGradient' };

/** What `/set <setting> <text>` does to the perceptron, or why it is refused. */
export function changeSetting(
  doc: PerceptronDoc,
  setting: Setting,
  text: string,
  limits: SettingLimits,
): SettingChange {
  const apply = setting.change(text.trim().toLowerCase(), limits);
  if (!apply) return { ok: false, problem: 'invalid' };
  if (setting.noGradient && lacksGradient(apply(doc).settings)) return { ok: false, problem: 'noGradient' };
  return { ok: true, apply };
}
