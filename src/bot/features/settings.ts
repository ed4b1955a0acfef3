import { Composer } from 'telegraf';
import { cutText } from '../../core/cut-text.js';
import { withSettings } from '../../core/model.js';
import type { ModelSettings } from '../../core/types.js';
import type { BotContext } from '../bot-context.js';
import type { BotDependencies } from '../bot-dependencies.js';
import { button, onButton } from '../buttons.js';
import { formatCount, formatUnits } from '../render/numbers.js';
import { type Keyboard, reply } from '../reply.js';
import { readPerceptron, updatePerceptron } from '../state/perceptron-state.js';
import { changeSetting, MAX_LEARNING_RATE, type SettingName } from './settings-rules.js';
import { refuseWhileTraining } from './training-guard.js';

/** /settings shows everything with buttons for the usual choices; /set changes one setting. */
export function settingsFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.settings(async (ctx) => {
    const { settings } = await readPerceptron(deps, ctx);
    await reply(
      ctx,
      `${renderSettings(ctx, settings)}\n\n${ctx.t('settings.usage')}`,
      settingsKeyboard(ctx, deps.config.limits.maxEpochs),
    );
  });
  composer.command('set', async (ctx) => {
    const [name = '', ...rest] = ctx.payload.trim().split(/\s+/);
    if (name === '') return void (await reply(ctx, ctx.t('settings.usage')));
    await applySetting(deps, ctx, name, rest.join(' '));
  });
  onButton(composer, 'se', async (ctx, press) => {
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
  const { maxEpochs } = deps.config.limits;
  if (await refuseWhileTraining(deps, ctx)) return;
  const current = (await readPerceptron(deps, ctx)).settings;
  const change = changeSetting(current, name, value, maxEpochs);
  if (!change.ok) {
    if (!change.name) return void (await reply(ctx, ctx.t('settings.unknown', { name: cutText(name, 30) })));
    const key = `settings.bad${{ epochs: 'Epochs', lr: 'Lr', seed: 'Seed', activation: 'Activation', bias: 'Bias' }[change.name]}`;
    const max = change.name === 'lr' ? MAX_LEARNING_RATE : formatCount(maxEpochs, ctx.language);
    return void (await reply(ctx, ctx.t(key, { max, value: describe(ctx, current, change.name) })));
  }
  const { doc } = await updatePerceptron(deps, ctx, (stored) => ({
    ...stored,
    settings: change.settings,
    model: stored.model && withSettings(stored.model, change.settings),
  }));
  const redrawn = (change.name === 'seed' || change.name === 'bias') && doc.model !== undefined;
  const what = ctx.t(`settings.${change.name}`, { value: describe(ctx, doc.settings, change.name) });
  const text = ctx.t('settings.changed', { what });
  await reply(ctx, redrawn ? `${text}\n${ctx.t('settings.weightsRedrawn')}` : text);
}

function describe(ctx: BotContext, settings: ModelSettings, name: SettingName): string {
  switch (name) {
    case 'epochs':
      return formatCount(settings.epochs, ctx.language);
    case 'lr':
      return String(settings.learningRate);
    case 'seed':
      return String(settings.seed);
    case 'activation':
      return ctx.t(`activation.${settings.activation}`);
    case 'bias':
      return ctx.t(settings.bias ? 'settings.on' : 'settings.off');
  }
}

function renderSettings(ctx: BotContext, settings: ModelSettings): string {
  const names: SettingName[] = ['epochs', 'lr', 'seed', 'activation', 'bias'];
  return [
    ctx.t('settings.title'),
    ...names.map((name) => `• ${ctx.t(`settings.${name}`, { value: describe(ctx, settings, name) })}`),
  ].join('\n');
}

/** The usual choices, labelled in the user's language; epoch choices above the limit are left out. */
function settingsKeyboard(ctx: BotContext, maxEpochs: number): Keyboard {
  const choice = (label: string, argument: string) => button(ctx, label, 'se', argument);
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
  ].filter((row) => row.length > 0);
}
