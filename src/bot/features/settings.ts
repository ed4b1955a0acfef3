import { Composer } from 'telegraf';
import { cutText } from '../../core/cut-text.js';
import { withSettings } from '../../core/model.js';
import { MIN_POPULATION, type ModelSettings, TRAINING_METHODS } from '../../core/types.js';
import type { BotContext } from '../bot-context.js';
import type { BotDependencies } from '../bot-dependencies.js';
import { button, onButton } from '../buttons.js';
import { BUTTON_CODES } from '../callback-data.js';
import { nameMethod } from '../render/method-name.js';
import { formatCount, formatUnits } from '../render/numbers.js';
import { describeSetting, renderSettingLine, renderSettings } from '../render/settings.js';
import { type Keyboard, reply } from '../reply.js';
import { readPerceptron, updatePerceptron } from '../state/perceptron-state.js';
import { changeSetting, MAX_LEARNING_RATE, type SettingName } from './settings-rules.js';
import { refuseWhileTraining } from './training-guard.js';

/** /settings shows everything with buttons for the usual choices; /set changes one setting. */
export function settingsFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.settings(async (ctx) => {
    const { settings, pictures } = await readPerceptron(deps, ctx);
    const picturesLine = ctx.t('pictures.setting', {
      value: ctx.t(pictures === false ? 'settings.off' : 'settings.on'),
    });
    await reply(
      ctx,
      `${renderSettings(ctx, settings)}\n• ${picturesLine}\n\n${ctx.t('settings.usage')}\n${ctx.t('methods.usage')}`,
      settingsKeyboard(ctx, deps.config.limits.maxEpochs),
    );
  });
  composer.command('set', async (ctx) => {
    const [name = '', ...rest] = ctx.payload.trim().split(/\s+/);
    if (name === '') return void (await reply(ctx, `${ctx.t('settings.usage')}\n${ctx.t('methods.usage')}`));
    await applySetting(deps, ctx, name, rest.join(' '));
  });
  onButton(composer, BUTTON_CODES.setting, async (ctx, press) => {
    const [name = '', value = ''] = press.argument.split(':');
    await applySetting(deps, ctx, name, value);
    return undefined;
  });
  return composer;
}

async function applySetting(
  deps: BotDependencies,
  ctx: BotContext,
  name: string,
  value: string,
): Promise<void> {
  if (await refuseWhileTraining(deps, ctx)) return;
  const current = (await readPerceptron(deps, ctx)).settings;
  const change = changeSetting(current, name, value, deps.config.limits);
  if (!change.ok) {
    if (!change.name) return void (await reply(ctx, ctx.t('settings.unknown', { name: cutText(name, 30) })));
    return void (await reply(ctx, refusal(deps, ctx, current, change.name, change.problem)));
  }
  const { doc } = await updatePerceptron(deps, ctx, (stored) => ({
    ...stored,
    settings: change.settings,
    model: stored.model && withSettings(stored.model, change.settings),
  }));
  const redrawn = (change.name === 'seed' || change.name === 'bias') && doc.model !== undefined;
  const what = renderSettingLine(ctx, doc.settings, change.name);
  const text = ctx.t('settings.changed', { what });
  await reply(ctx, redrawn ? `${text}\n${ctx.t('settings.weightsRedrawn')}` : text);
}

/** Why the value was refused, and the value that stays. */
function refusal(
  deps: BotDependencies,
  ctx: BotContext,
  current: ModelSettings,
  name: SettingName,
  problem: 'invalid' | 'noGradient' | 'unknown',
): string {
  const value = describeSetting(ctx, current, name);
  const { maxEpochs, maxPopulation } = deps.config.limits;
  if (problem === 'noGradient') {
    return name === 'method'
      ? ctx.t('methods.bad.noGradientMethod', { value })
      : ctx.t('methods.bad.noGradientActivation', { value });
  }
  switch (name) {
    case 'epochs':
      return ctx.t('settings.badEpochs', { max: formatCount(maxEpochs, ctx.language), value });
    case 'lr':
      return ctx.t('settings.badLr', { max: MAX_LEARNING_RATE, value });
    case 'seed':
      return ctx.t('settings.badSeed', { value });
    case 'activation':
      return ctx.t('settings.badActivation', { value });
    case 'bias':
      return ctx.t('settings.badBias', { value });
    case 'method':
      return ctx.t('methods.bad.method', { value });
    case 'population':
      return ctx.t('methods.bad.population', {
        min: MIN_POPULATION,
        max: formatCount(maxPopulation, ctx.language),
        value,
      });
    case 'target':
      return ctx.t('methods.bad.target', { value });
  }
}

/** The usual choices, labelled in the user's language; epoch choices above the limit are left out. */
function settingsKeyboard(ctx: BotContext, maxEpochs: number): Keyboard {
  const choice = (label: string, argument: string) => button(ctx, label, BUTTON_CODES.setting, argument);
  const switchLabel = (on: boolean) =>
    ctx.t('settings.biasButton', { value: ctx.t(on ? 'settings.on' : 'settings.off') });
  const epochChoices = [1000, 5000, 20_000].filter((n) => n <= maxEpochs);
  return [
    [
      choice(ctx.t('activation.sigmoid'), 'activation:sigmoid'),
      choice(ctx.t('activation.step'), 'activation:step'),
    ],
    [choice(switchLabel(true), 'bias:on'), choice(switchLabel(false), 'bias:off')],
    epochChoices.map((n) => choice(formatUnits(ctx.t, ctx.language, 'epochs', n), `epochs:${n}`)),
    ['0.1', '0.5', '1'].map((lr) => choice(ctx.t('settings.lrButton', { value: lr }), `lr:${lr}`)),
    ['1', '42'].map((seed) => choice(ctx.t('settings.seedButton', { value: seed }), `seed:${seed}`)),
    TRAINING_METHODS.map((method) => choice(nameMethod(ctx.t, method), `method:${method}`)),
    [
      choice(ctx.t('methods.buttons.target', { value: '0.001' }), 'target:0.001'),
      choice(ctx.t('methods.buttons.targetOff'), 'target:off'),
    ],
  ].filter((row) => row.length > 0);
}
