import { Composer } from 'telegraf';
import { numberFormatFor } from '../../core/number-format.js';
import { placeOf, rankEntries } from '../../exercises/standings.js';
import { readTimeZone } from '../../exercises/time-zone.js';
import { type BotContext, isGroupChat, senderId } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { reply } from '../kit/reply.js';
import { requestBoardEdit } from './board-edits.js';
import { findGroup, readExerciseUser } from './exercise-state.js';
import { refuseOutsider } from './member-status.js';
import { renderBoard } from './render-board.js';
import { renderDeadline } from './render-deadline.js';
import { renderSubmitDetails, renderSubmitLine } from './render-submit.js';
import { withStandings } from './standings-cache.js';
import { submitAttempt } from './submit-attempt.js';

/** /submit scores the sender's perceptron on the hidden rows; /leaderboard shows the standings. */
export function submitFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('submit', async (ctx) => {
    const outcome = await submitAttempt(deps, ctx);
    if (!outcome.ok) {
      if (outcome.text) await reply(ctx, outcome.text);
      return;
    }
    requestBoardEdit(deps, ctx.telegram, outcome.chatId);
    if (!isGroupChat(ctx)) return void (await reply(ctx, renderSubmitDetails(ctx, outcome)));
    // Details in private when the student has started the bot; the group sees one short line either way.
    const inPrivate = await ctx.telegram
      .sendMessage(senderId(ctx), renderSubmitDetails(ctx, outcome), { parse_mode: 'HTML' })
      .then(
        () => true,
        () => false,
      );
    const line = renderSubmitLine(ctx, outcome);
    await reply(ctx, inPrivate ? `${line} ${ctx.t('exercise.submit.detailsInPrivate')}` : line);
  });
  composer.command('leaderboard', (ctx) => showLeaderboard(deps, ctx));
  return composer;
}

async function showLeaderboard(deps: BotDependencies, ctx: BotContext): Promise<void> {
  const named = isGroupChat(ctx)
    ? ctx.chat?.id
    : (await readExerciseUser(deps.exercises, senderId(ctx))).current?.chatId;
  const found = named === undefined ? undefined : await findGroup(deps.exercises, named);
  const stored = found?.doc.current ?? found?.doc.last;
  if (!found || !stored) {
    const key = isGroupChat(ctx) ? 'exercise.submit.noExercise' : 'exercise.submit.noExercisePrivate';
    return void (await reply(ctx, ctx.t(key)));
  }
  // In the group everyone reading it sees the board anyway; in private, only its members do.
  const refusal = isGroupChat(ctx)
    ? undefined
    : await refuseOutsider(deps, ctx, found.chatId, ctx.t('exercise.access.boardNotMember'));
  if (refusal) return void (await reply(ctx, refusal));
  const run = await withStandings(deps, stored);
  const board = renderBoard(ctx.t, ctx.language, run.entries, { top: 10, final: !found.doc.current });
  const deadline = found.doc.current?.deadline;
  const clock =
    deadline === undefined
      ? []
      : [renderDeadline(ctx.t, deadline, Date.now(), readTimeZone(found.doc.timeZone))];
  const ranked = rankEntries(run.entries);
  const place = placeOf(ranked, senderId(ctx));
  const own = place
    ? ctx.t('exercise.board.yours', {
        place,
        total: ranked.length,
        accuracy: numberFormatFor(ctx.language).percent((ranked[place - 1] ?? ranked[0])?.best.accuracy ?? 0),
      })
    : ctx.t('exercise.board.notYet');
  await reply(ctx, [...clock, board, own].join('\n\n'));
}
