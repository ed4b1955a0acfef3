import { Composer } from 'telegraf';
import { cutText } from '../../core/cut-text.js';
import { DEFAULT_TIME_ZONE, parseTimeZone, readTimeZone, wallTime } from '../../exercises/time-zone.js';
import type { BotContext } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { reply } from '../kit/reply.js';
import { requestBoardEdit } from './board-edits.js';
import { readGroup, updateGroup } from './exercise-state.js';
import { refuseNonTeacher } from './member-status.js';

const clockNow = (zone: string): string => {
  const now = wallTime(Date.now(), zone);
  return `${now.hour}:${now.minute}`;
};

/**
 * /timezone [zone] (admins): the class's clock, in which deadlines are shown. An IANA name or an offset
 * from UTC; alone, it says which one is set.
 */
export function timeZoneFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('timezone', async (ctx) => {
    const refusal = await refuseNonTeacher(deps, ctx, 'exercise.timeZone.groupOnly');
    if (refusal) return void (await reply(ctx, refusal));
    const chatId = ctx.chat?.id as number;
    const text = ctx.payload.trim();
    if (text === '') {
      const stored = (await readGroup(deps.exercises, chatId)).timeZone;
      const zone = readTimeZone(stored);
      const key = stored === undefined ? 'exercise.timeZone.currentDefault' : 'exercise.timeZone.current';
      return void (await reply(ctx, ctx.t(key, { zone, time: clockNow(zone) })));
    }
    const parsed = parseTimeZone(text);
    if (!parsed.ok)
      return void (await reply(ctx, ctx.t('exercise.timeZone.bad', { text: cutText(text, 40) })));
    const { doc } = await updateGroup(deps.exercises, chatId, ({ timeZone: _, ...rest }) =>
      parsed.zone === DEFAULT_TIME_ZONE ? rest : { ...rest, timeZone: parsed.zone },
    );
    await reply(ctx, ctx.t('exercise.timeZone.set', { zone: parsed.zone, time: clockNow(parsed.zone) }));
    if (doc.current?.deadline !== undefined) requestBoardEdit(deps, ctx.telegram, chatId);
  });
  return composer;
}
