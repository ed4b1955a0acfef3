import type { MiddlewareFn } from 'telegraf';
import type { LocaleKey } from '../../../i18n/locale-keys.js';
import { formatUserKey } from '../../../storage/index.js';
import { type BotContext, senderId } from '../bot-context.js';
import type { BotDependencies } from '../bot-dependencies.js';
import { reply } from '../reply.js';
import { keyOf } from '../state/perceptron-state.js';

/**
 * Tells a member, once, that a stored file of theirs was unreadable and set aside, before handling the
 * update, and says what started afresh: the perceptron in this chat (rows, settings, weights), the
 * profile (the language choice), or both.
 */
export function recoveryNotice(deps: BotDependencies): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    await deps.perceptrons.load(keyOf(ctx));
    const perceptron = deps.recovered.perceptrons.delete(keyOf(ctx));
    const profile = deps.recovered.profiles.delete(formatUserKey(senderId(ctx)));
    const key = noticeKey(perceptron, profile);
    if (key) await reply(ctx, ctx.t(key));
    return next();
  };
}

function noticeKey(perceptron: boolean, profile: boolean): LocaleKey | undefined {
  if (perceptron && profile) return 'recovery.both';
  if (perceptron) return 'recovery.perceptron';
  return profile ? 'recovery.profile' : undefined;
}
