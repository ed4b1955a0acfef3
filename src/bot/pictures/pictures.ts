import { Composer } from 'telegraf';
import type { BotContext } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { onButtonRun } from '../kit/buttons.js';
import { BUTTON_CODES } from '../kit/callback-data.js';
import { sendPicture, sendReplay } from '../kit/send-picture.js';

/** /plot and [📈 Picture], /replay and [🎞 Replay]; `/set pictures on|off` is one of the settings. */
export function picturesFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('plot', (ctx) => sendPicture(deps, ctx, { inputs: ctx.payload }));
  onButtonRun(composer, BUTTON_CODES.picture, (ctx) => sendPicture(deps, ctx));
  composer.command('replay', (ctx) => sendReplay(deps, ctx));
  onButtonRun(composer, BUTTON_CODES.replay, (ctx) => sendReplay(deps, ctx));
  return composer;
}
