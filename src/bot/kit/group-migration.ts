import { Composer } from 'telegraf';
import type { BotContext } from './bot-context.js';

/** A group that became a supergroup: its old chat id and its new one. */
export interface GroupMove {
  from: number;
  to: number;
}

/**
 * Runs `handle` on the service message that says a group became a supergroup (a new chat id); every other
 * update goes on to the next handler.
 */
export function onGroupMigration(
  handle: (ctx: BotContext, move: GroupMove, next: () => Promise<void>) => Promise<unknown>,
): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('message', async (ctx, next) => {
    if (!('migrate_to_chat_id' in ctx.message)) return next();
    await handle(ctx, { from: ctx.message.chat.id, to: ctx.message.migrate_to_chat_id }, next);
  });
  return composer;
}
