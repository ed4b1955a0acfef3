import type { Composer } from 'telegraf';
import { formatChatKeyPrefix } from '../../storage/index.js';
import type { BotContext } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { onGroupMigration } from '../kit/group-migration.js';
import { createPerceptronDoc, perceptronKey } from '../kit/state/documents.js';
import { updateOnce } from '../kit/state/update-once.js';
import { bringMovedPerceptron } from './moved-perceptron.js';

/**
 * A group that becomes a supergroup gets a new chat id. Every member's perceptron is brought to the new
 * id, together with rows the member added there before this update arrived (Telegram may deliver those
 * first); the old files stay as they were.
 */
export function groupMigrationFeature(deps: BotDependencies): Composer<BotContext> {
  return onGroupMigration(async (ctx, { from, to }) => {
    const prefix = formatChatKeyPrefix(from);
    const keys = await deps.perceptrons.keys(prefix);
    let left = 0;
    // Each member's new perceptron changes through the store's update, in turn with their own handlers there.
    await Promise.all(
      keys.map(async (key) => {
        const moved = await deps.perceptrons.read(key);
        const userId = Number(key.slice(prefix.length));
        if (!moved || !Number.isSafeInteger(userId)) return;
        const update = { id: ctx.update.update_id, create: createPerceptronDoc };
        await updateOnce(deps.perceptrons, perceptronKey(to, userId), update, (here) => {
          const result = bringMovedPerceptron(moved, here, deps.config.limits.maxRows);
          left += result.left;
          return result.doc;
        });
      }),
    );
    deps.logger.info(
      { from, to, members: keys.length },
      'a group became a supergroup; perceptrons brought along',
    );
    if (left > 0)
      deps.logger.warn(
        { from, to, rows: left },
        'rows added in the supergroup before the move did not fit the old ones',
      );
  });
}
