import { Composer } from 'telegraf';
import type { BotContext } from '../bot-context.js';
import type { BotDependencies } from '../bot-dependencies.js';
import { onButtonRun } from '../buttons.js';
import { BUTTON_CODES } from '../callback-data.js';
import { sendPicture, sendReplay } from '../send-picture.js';

/** /plot and [📈 Picture], /replay and [🎞 Replay]; `/set pictures on|off` is one of the settings. */
export function picturesFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('plot', (ctx) => sendPicture(deps, ctx, { inputs: ctx.payload }));
  onButtonRun(composer, BUTTON_CODES.picture, (ctx) => sendPicture(deps, ctx));
  composer.command('replay', (ctx) => sendReplay(deps, ctx));
  onButtonRun(composer, BUTTON_CODES.replay, (ctx) => sendReplay(deps, ctx));
  return composer;
}
