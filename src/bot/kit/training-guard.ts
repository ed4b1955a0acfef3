import type { BotContext } from './bot-context.js';
import type { BotDependencies } from './bot-dependencies.js';
import { button } from './buttons.js';
import { BUTTON_CODES } from './callback-data.js';
import { reply } from './reply.js';
import { keyOf } from './state/perceptron-state.js';

/**
 * Changes to the data, the seed or the settings wait until the member's training is over: its result
 * is reported against the rows it learned. Answers with [Stop] and returns true when one is running.
 */
export async function refuseWhileTraining(deps: BotDependencies, ctx: BotContext): Promise<boolean> {
  const running = deps.trainer.running(keyOf(ctx));
  if (!running) return false;
  await reply(ctx, ctx.t('settings.busy'), [
    [button(ctx, ctx.t('buttons.stop'), BUTTON_CODES.stopTraining, running.id)],
  ]);
  return true;
}
