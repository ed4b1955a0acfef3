import { Composer } from 'telegraf';
import { formatChatKeyPrefix } from '../../storage/index.js';
import type { BotContext } from '../bot-context.js';
import type { BotDependencies } from '../bot-dependencies.js';
import { perceptronKey } from '../state/documents.js';

/**
 * A group that becomes a supergroup gets a new chat id. Every member's perceptron is copied to the new
 * id (a member who already has one there keeps it); the old files stay as they were.
 */
export function groupMigrationFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('message', async (ctx, next) => {
    if (!('migrate_to_chat_id' in ctx.message)) return next();
    const from = ctx.message.chat.id;
    const to = ctx.message.migrate_to_chat_id;
    const prefix = formatChatKeyPrefix(from);
    const keys = await deps.perceptrons.keys(prefix);
    for (const key of keys) {
      const doc = await deps.perceptrons.read(key);
      const userId = Number(key.slice(prefix.length));
      if (!doc || !Number.isSafeInteger(userId)) continue;
      await deps.perceptrons.update(perceptronKey(to, userId), (existing) => existing ?? doc);
    }
    deps.logger.info({ from, to, members: keys.length }, 'a group became a supergroup; perceptrons copied');
  });
  return composer;
}
