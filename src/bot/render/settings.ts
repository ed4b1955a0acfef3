import { methodOf, populationOf } from '../../core/model.js';
import type { ModelSettings } from '../../core/types.js';
import type { BotContext } from '../bot-context.js';
import type { SettingName } from '../features/settings-rules.js';
import { nameMethod } from './method-name.js';
import { formatCount, numberFormatFor } from './numbers.js';

const SHOWN: SettingName[] = ['epochs', 'lr', 'seed', 'activation', 'bias', 'method', 'population', 'target'];

/** A setting's value as /settings shows it. */
export function describeSetting(ctx: BotContext, settings: ModelSettings, name: SettingName): string {
  switch (name) {
    case 'epochs':
      return formatCount(settings.epochs, ctx.language);
    case 'lr':
      return numberFormatFor(ctx.language).value(settings.learningRate);
    case 'seed':
      return String(settings.seed);
    case 'activation':
      return ctx.t(settings.activation === 'step' ? 'activation.step' : 'activation.sigmoid');
    case 'bias':
      return ctx.t(settings.bias ? 'settings.on' : 'settings.off');
    case 'method':
      return nameMethod(ctx.t, methodOf(settings));
    case 'population':
      return formatCount(populationOf(settings), ctx.language);
    case 'target':
      return describeTarget(ctx, settings);
  }
}

function describeTarget(ctx: BotContext, settings: ModelSettings): string {
  if (settings.target === undefined) return ctx.t('settings.off');
  const value = numberFormatFor(ctx.language).value(settings.target);
  if (settings.activation === 'step') return ctx.t('methods.setting.targetStep', { value });
  return value;
}

/** One line of /settings or of a /set answer: "learning rate: 0.5". */
export function renderSettingLine(ctx: BotContext, settings: ModelSettings, name: SettingName): string {
  const value = describeSetting(ctx, settings, name);
  switch (name) {
    case 'method':
      return ctx.t('methods.setting.method', { value });
    case 'population':
      return ctx.t('methods.setting.population', { value });
    case 'target':
      return ctx.t('methods.setting.target', { value });
    case 'epochs':
      return ctx.t('settings.epochs', { value });
    case 'lr':
      return ctx.t('settings.lr', { value });
    case 'seed':
      return ctx.t('settings.seed', { value });
    case 'activation':
      return ctx.t('settings.activation', { value });
    case 'bias':
      return ctx.t('settings.bias', { value });
  }
}

/** The /settings message: a title and one line per setting. */
export function renderSettings(ctx: BotContext, settings: ModelSettings): string {
  return [
    ctx.t('settings.title'),
    ...SHOWN.map((name) => `• ${renderSettingLine(ctx, settings, name)}`),
  ].join('\n');
}
