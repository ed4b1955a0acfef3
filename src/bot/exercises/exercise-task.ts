import type { MiddlewareFn } from 'telegraf';
import { type BotContext, isGroupChat } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { exercisePerceptronKey, readExerciseUser, readGroup } from './exercise-state.js';

/**
 * In private, a member working on a group's exercise (after its [Work in private] link) trains a
 * perceptron kept for that exercise: every feature then reads and writes that one, and their own stays.
 * In a group, marks quiet mode.
 */
export function exerciseTask(deps: BotDependencies): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const userId = ctx.from?.id;
    const chat = ctx.chat;
    if (chat && isGroupChat(ctx)) {
      if ((await readGroup(deps.exercises, chat.id)).quiet) ctx.quiet = true;
      return next();
    }
    if (chat?.type !== 'private' || userId === undefined) return next();
    const current = (await readExerciseUser(deps.exercises, userId)).current;
    if (current) {
      ctx.perceptronKey = exercisePerceptronKey(current.chatId, current.runId, userId);
      ctx.exerciseTitle = current.title;
    }
    return next();
  };
}
