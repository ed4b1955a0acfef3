import { Composer } from 'telegraf';
import { readTimeZone } from '../../exercises/time-zone.js';
import { type BotContext, isGroupChat, senderId } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { onPress, readPress } from '../kit/buttons.js';
import { BUTTON_CODES } from '../kit/callback-data.js';
import { answerPress, reply } from '../kit/reply.js';
import { readGroup } from './exercise-state.js';
import { isTeacher, refuseNonTeacher } from './member-status.js';
import { sendResultsFile } from './results-file.js';
import { withStandings } from './standings-cache.js';

/** /results (admins) and the [Get results] button: the results file again, in private. */
export function exerciseResultsFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('results', async (ctx) => {
    const refusal = await refuseNonTeacher(deps, ctx);
    if (refusal) return void (await reply(ctx, refusal));
    const group = await readGroup(deps.exercises, ctx.chat?.id as number);
    const stored = group.current ?? group.last;
    if (!stored) return void (await reply(ctx, ctx.t('exercise.results.none')));
    const run = await withStandings(deps, stored);
    const sent = await sendResultsFile(deps, ctx.telegram, run, senderId(ctx), readTimeZone(group.timeZone));
    const name = ctx.from?.first_name ?? '';
    await reply(
      ctx,
      sent
        ? ctx.t('exercise.end.csvSent', { name })
        : ctx.t('exercise.end.csvStartFirst', { name, bot: ctx.me }),
    );
  });
  // The run's teacher, as stored, or a current admin of the group (the teacher may have posted
  // anonymously); the button's owner field is the presser's to write, so it grants nothing.
  onPress(composer, BUTTON_CODES.exerciseResults, async (ctx) => {
    const press = readPress(ctx, BUTTON_CODES.exerciseResults);
    if (!press || !isGroupChat(ctx)) return answerPress(ctx, ctx.t('press.unknown'));
    const group = await readGroup(deps.exercises, ctx.chat?.id as number);
    const stored = [group.current, group.last].find((r) => r?.runId === press.argument);
    if (!stored) return answerPress(ctx, ctx.t('press.stale'));
    if (stored.teacherId !== senderId(ctx) && !(await isTeacher(deps, ctx)))
      return answerPress(ctx, ctx.t('press.notYours'));
    const run = await withStandings(deps, stored);
    const sent = await sendResultsFile(deps, ctx.telegram, run, senderId(ctx), readTimeZone(group.timeZone));
    return answerPress(ctx, ctx.t(sent ? 'exercise.end.csvDelivered' : 'exercise.end.csvStillBlocked'));
  });
  return composer;
}
