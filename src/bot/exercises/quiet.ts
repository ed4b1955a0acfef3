import { Composer } from 'telegraf';
import type { BotContext } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { reply } from '../kit/reply.js';
import { readGroup, updateGroup } from './exercise-state.js';
import { refuseNonTeacher } from './member-status.js';

/** /quiet on|off (admins): a quiet group gets no training progress and short row confirmations. */
export function quietFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('quiet', async (ctx) => {
    const refusal = await refuseNonTeacher(deps, ctx);
    if (refusal) return void (await reply(ctx, refusal));
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
