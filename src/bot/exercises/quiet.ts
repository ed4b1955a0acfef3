import { Composer } from 'telegraf';
import { type BotContext, isGroupChat } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { reply } from '../kit/reply.js';
import { readGroup, updateGroup } from './exercise-state.js';
import { isTeacher } from './member-status.js';

/** /quiet on|off (admins): a quiet group gets no training progress and short row confirmations. */
export function quietFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('quiet', async (ctx) => {
    if (!isGroupChat(ctx)) return void (await reply(ctx, ctx.t('exercise.groupOnly')));
    if (!(await isTeacher(deps, ctx))) return void (await reply(ctx, ctx.t('exercise.notAdmin')));
    const chatId = ctx.chat?.id as number;
    const word = ctx.payload.trim().toLowerCase();
    if (word !== 'on' && word !== 'off') {
      const quiet = (await readGroup(deps.exercises, chatId)).quiet;
      const state = quiet ? ctx.t('exercise.quiet.stateOn') : ctx.t('exercise.quiet.stateOff');
      return void (await reply(ctx, ctx.t('exercise.quiet.usage', { state })));
    }
    await updateGroup(deps.exercises, chatId, (doc) => ({ ...doc, quiet: word === 'on' }));
    await reply(ctx, word === 'on' ? ctx.t('exercise.quiet.on') : ctx.t('exercise.quiet.off'));
  });
  return composer;
}
