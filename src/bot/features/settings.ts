import { Composer } from 'telegraf';
import { withSettings } from '../../core/model.js';
import type { ModelSettings } from '../../core/types.js';
import type { BotContext } from '../bot-context.js';
import type { BotDependencies } from '../bot-dependencies.js';
import { button, onButton } from '../buttons.js';
import { formatCount } from '../render/numbers.js';
import { type Keyboard, reply } from '../reply.js';
import { keyOf, readPerceptron, updatePerceptron } from '../state/perceptron-state.js';
import { changeSetting, MAX_LEARNING_RATE, type SettingName } from './settings-rules.js';

/** /settings shows everything with buttons for the usual choices; /set changes one setting. */
export function settingsFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.settings(async (ctx) => {
    const { settings } = await readPerceptron(deps, ctx);
    await reply(ctx, `${renderSettings(ctx, settings)}\n\n${ctx.t('settings.usage')}`, settingsKeyboard(ctx));
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
  if (deps.trainer.running(keyOf(ctx))) return void (await reply(ctx, ctx.t('settings.busy')));
  const current = (await readPerceptron(deps, ctx)).settings;
  const change = changeSetting(current, name, value, maxEpochs);
  if (!change.ok) {
    if (!change.name) return void (await reply(ctx, ctx.t('settings.unknown', { name: name.slice(0, 30) })));
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
  const text = ctx.t('settings.changed', {
    setting: change.name,
    value: describe(ctx, doc.settings, change.name),
  });
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

function settingsKeyboard(ctx: BotContext): Keyboard {
  const choice = (label: string, argument: string) => button(ctx, label, 'se', argument);
  return [
    [
      choice(ctx.t('activation.sigmoid'), 'activation:sigmoid'),
      choice(ctx.t('activation.step'), 'activation:step'),
    ],
    [choice('bias on', 'bias:on'), choice('bias off', 'bias:off')],
    [
      choice('epochs 1000', 'epochs:1000'),
      choice('epochs 5000', 'epochs:5000'),
      choice('epochs 20000', 'epochs:20000'),
    ],
    [choice('lr 0.1', 'lr:0.1'), choice('lr 0.5', 'lr:0.5'), choice('lr 1', 'lr:1')],
    [choice('seed 1', 'seed:1'), choice('seed 42', 'seed:42')],
  ];
}
