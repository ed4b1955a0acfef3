import { describe, expect, it } from 'vitest';
import { createPerceptronDoc } from '../../../src/bot/kit/state/documents.js';
import { renderSettingChanged, renderSettings } from '../../../src/bot/settings/render-settings.js';
import { changeSetting, findSetting } from '../../../src/bot/settings/settings-rules.js';
import { SETTINGS } from '../../../src/bot/settings/settings-table.js';
import { textsFor } from '../../helpers/texts.js';

const limits = { maxEpochs: 100_000, maxPopulation: 1000 };
const en = { t: textsFor('en'), language: 'en' as const };

describe('the settings table', () => {
  it('gives every word /set takes to one setting only', () => {
    const words = SETTINGS.flatMap((setting) => [setting.name, ...setting.aliases]);
    expect(new Set(words).size).toBe(words.length);
    for (const word of words) expect(word).toBe(word.toLowerCase());
  });

  it('offers under /settings only values that /set takes', () => {
    for (const setting of SETTINGS) {
      for (const [, value] of setting.buttons?.choices(en, limits) ?? []) {
        expect(
          changeSetting(createPerceptronDoc(), setting, value, limits),
          `${setting.name}:${value}`,
        ).toMatchObject({
          ok: true,
        });
      }
    }
  });

  it("takes no word that is only a property of JavaScript's objects", () => {
    expect(findSetting('constructor')).toBeUndefined();
    for (const name of ['activation', 'bias', 'method', 'pictures']) {
      const setting = findSetting(name);
      if (!setting) throw new Error(`no setting ${name}`);
      expect(changeSetting(createPerceptronDoc(), setting, 'constructor', limits)).toEqual({
        ok: false,
        problem: 'invalid',
      });
    }
  });

  it('lists one line per setting under the title, in the order of the table', () => {
    const lines = renderSettings(en, createPerceptronDoc()).split('\n');
    expect(lines).toHaveLength(SETTINGS.length + 1);
    expect(lines[0]).toBe(en.t('settings.title'));
    expect(lines.at(-1)).toBe(`• ${en.t('pictures.setting', { value: en.t('settings.on') })}`);
  });

  it('answers a change with the line of the setting, or with its own sentence', () => {
    const lr = findSetting('rate');
    const pictures = findSetting('картинки');
    if (!lr || !pictures) throw new Error('no such setting');
    const change = changeSetting(createPerceptronDoc(), pictures, ' OFF ', limits);
    if (!change.ok) throw new Error('refused');
    const doc = change.apply(createPerceptronDoc());
    expect(doc.pictures).toBe(false);
    expect(renderSettingChanged(en, doc, pictures)).toBe(
      en.t('pictures.settingChanged', { value: en.t('settings.off') }),
    );
    expect(renderSettingChanged(en, doc, lr)).toBe(
      en.t('settings.changed', { what: en.t('settings.lr', { value: '1' }) }),
    );
  });
});
