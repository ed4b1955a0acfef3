import { Composer } from 'telegraf';
import type { BotContext } from '../bot-context.js';
import type { BotDependencies } from '../bot-dependencies.js';
import { onButton } from '../buttons.js';
import { BUTTON_CODES } from '../callback-data.js';
import { reply } from '../reply.js';
import { sendPicture, sendReplay } from '../send-picture.js';
import { updatePerceptron } from '../state/perceptron-state.js';

const SETTING_NAMES = new Set(['pictures', 'picture', 'картинки']);
const SWITCHES: Record<string, boolean> = {
  on: true,
  off: false,
  вкл: true,
  выкл: false,
  '1': true,
  '0': false,
};

/** /plot and [📈 Picture], /replay and [🎞 Replay], and `/set pictures on|off`. */
export function picturesFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('plot', (ctx) => sendPicture(deps, ctx, { inputs: ctx.payload }));
  onButton(composer, BUTTON_CODES.picture, async (ctx) => {
    await sendPicture(deps, ctx);
    return undefined;
  });
  composer.command('replay', (ctx) => sendReplay(deps, ctx));
  onButton(composer, BUTTON_CODES.replay, async (ctx) => {
    await sendReplay(deps, ctx);
    return undefined;
  });
  composer.command('set', async (ctx, next) => {
    const [name = '', value = ''] = ctx.payload.trim().toLowerCase().split(/\s+/);
    if (!SETTING_NAMES.has(name)) return next();
    const on = SWITCHES[value];
    if (on === undefined) return void (await reply(ctx, ctx.t('pictures.settingBad')));
    await updatePerceptron(deps, ctx, (doc) => ({ ...doc, pictures: on }));
    await reply(ctx, ctx.t('pictures.settingChanged', { value: ctx.t(on ? 'settings.on' : 'settings.off') }));
  });
  return composer;
}
