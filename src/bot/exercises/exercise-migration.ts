import type { Composer } from 'telegraf';
import type { BotContext } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { onGroupMigration } from '../kit/group-migration.js';
import { cancelDeadline, scheduleDeadline } from './exercise-end.js';
import { readGroup, updateGroup } from './exercise-state.js';

/**
 * A group that becomes a supergroup takes its exercises along: the running one, the last one, quiet
 * mode and the time zone move to the new id, and the old id points there, so that links and students' tasks naming it work.
 */
export function exerciseMigrationFeature(deps: BotDependencies): Composer<BotContext> {
  return onGroupMigration(async (ctx, { from, to }, next) => {
    const old = await readGroup(deps.exercises, from);
    if (old.movedTo === undefined && (old.current || old.last || old.quiet || old.timeZone)) {
      const { current, last, quiet, timeZone } = old;
      await updateGroup(deps.exercises, to, (doc) =>
        doc.current || doc.last
          ? doc
          : {
              ...doc,
              quiet,
              ...(timeZone ? { timeZone } : {}),
              ...(current ? { current } : {}),
              ...(last ? { last } : {}),
            },
      );
      await updateGroup(deps.exercises, from, ({ current: _, ...doc }) => ({ ...doc, movedTo: to }));
      cancelDeadline(deps, from);
      if (current) scheduleDeadline(deps, ctx.telegram, to, current);
      deps.logger.info({ from, to }, 'a group became a supergroup; its exercises moved along');
    }
    return next();
  });
}
