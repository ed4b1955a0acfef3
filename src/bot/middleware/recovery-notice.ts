import type { MiddlewareFn } from 'telegraf';
import { type BotContext, senderId } from '../bot-context.js';
import type { BotDependencies } from '../bot-dependencies.js';
import { reply } from '../reply.js';
import { profileKey } from '../state/documents.js';
import { keyOf } from '../state/perceptron-state.js';

/** Tells a member, once, that their stored data was unreadable and set aside, before handling the update. */
export function recoveryNotice(deps: BotDependencies): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const keys = [keyOf(ctx), profileKey(senderId(ctx))];
    await deps.perceptrons.read(keyOf(ctx));
    if (keys.some((key) => deps.recoveredKeys.delete(key))) await reply(ctx, ctx.t('errors.storeRecovered'));
    return next();
  };
}
