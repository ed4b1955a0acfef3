import { Composer } from 'telegraf';
import { cutText } from '../../core/cut-text.js';
import type { BotContext } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { button, onButtonRun } from '../kit/buttons.js';
import { BUTTON_CODES } from '../kit/callback-data.js';
import { type Keyboard, reply } from '../kit/reply.js';
import { readPerceptron, updatePerceptron } from '../kit/state/perceptron-state.js';
import { refuseWhileTraining } from '../kit/training-guard.js';
import { renderSettingChanged, renderSettingRefusal, renderSettings } from './render-settings.js';
import type { SettingLimits } from './setting-entry.js';
import { changeSetting, findSetting } from './settings-rules.js';
import { SETTINGS } from './settings-table.js';

/** /settings shows everything with buttons for the usual choices; /set changes one setting. */
export function settingsFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.settings(async (ctx) => {
    const doc = await readPerceptron(deps, ctx);
    await reply(
      ctx,
      `${renderSettings(ctx, doc)}\n\n${ctx.t('settings.usage')}\n${ctx.t('methods.usage')}`,
      settingsKeyboard(ctx, deps.config.limits),
    );
  });
  composer.command('set', async (ctx) => {
    const [name = '', ...rest] = ctx.payload.trim().split(/\s+/);
    if (name === '') return void (await reply(ctx, `${ctx.t('settings.usage')}\n${ctx.t('methods.usage')}`));
    await applySetting(deps, ctx, name, rest.join(' '));
  });
  onButtonRun(composer, BUTTON_CODES.setting, (ctx, press) => {
    const [name = '', value = ''] = press.argument.split(':');
    return applySetting(deps, ctx, name, value);
  });
  return composer;
}

async function applySetting(
  deps: BotDependencies,
  ctx: BotContext,
  name: string,
  text: string,
): Promise<void> {
  const setting = findSetting(name);
  if (setting?.ofModel !== false && (await refuseWhileTraining(deps, ctx))) return;
  if (!setting) return void (await reply(ctx, ctx.t('settings.unknown', { name: cutText(name, 30) })));
  const { limits } = deps.config;
  const current = await readPerceptron(deps, ctx);
  const change = changeSetting(current, setting, text, limits);
  if (!change.ok)
    return void (await reply(ctx, renderSettingRefusal(ctx, limits, current, setting, change.problem)));
  const { doc } = await updatePerceptron(deps, ctx, change.apply);
  await reply(ctx, renderSettingChanged(ctx, doc, setting));
}

/** The usual choices, labelled in the user's language; epoch choices above the limit are left out. */
function settingsKeyboard(ctx: BotContext, limits: SettingLimits): Keyboard {
  return SETTINGS.flatMap(({ name, buttons }) => (buttons ? [{ name, ...buttons }] : []))
    .sort((a, b) => a.row - b.row)
    .map(({ name, choices }) =>
      choices(ctx, limits).map(([label, value]) =>
        button(ctx, label, BUTTON_CODES.setting, `${name}:${value}`),
      ),
    )
    .filter((row) => row.length > 0);
}
