import { numberFormatFor } from '../../core/number-format.js';
import { placeOf, rankEntries } from '../../exercises/standings.js';
import type { BotContext } from '../kit/bot-context.js';
import { describeTask } from './render-announcement.js';
import type { SubmitOutcome } from './submit-attempt.js';

/** The full answer to a submission, for the student's private chat. */
export function renderSubmitDetails(ctx: BotContext, outcome: Extract<SubmitOutcome, { ok: true }>): string {
  const ranked = rankEntries(outcome.run.entries);
  const numbers = numberFormatFor(ctx.language);
  const result = ctx.t('exercise.submit.result', {
    title: describeTask(ctx.t, outcome.run.task).title,
    accuracy: numbers.percent(outcome.attempt.accuracy),
    loss: numbers.loss(outcome.attempt.loss),
    wrong: outcome.attempt.wrong,
    best: numbers.percent(outcome.entry.best.accuracy),
    place: placeOf(ranked, outcome.entry.userId),
    total: ranked.length,
  });
  return `${result}\n${ctx.t('exercise.submit.left', { count: outcome.left })}`;
}

/** One short line for the group. */
export function renderSubmitLine(ctx: BotContext, outcome: Extract<SubmitOutcome, { ok: true }>): string {
  const ranked = rankEntries(outcome.run.entries);
  return ctx.t('exercise.submit.short', {
    accuracy: numberFormatFor(ctx.language).percent(outcome.attempt.accuracy),
    place: placeOf(ranked, outcome.entry.userId),
    total: ranked.length,
    left: ctx.t('exercise.submit.left', { count: outcome.left }),
  });
}
