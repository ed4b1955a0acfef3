import { Composer } from 'telegraf';
import { type BotContext, isGroupChat } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { rowsArrivedKeyboard } from '../kit/buttons.js';
import { reply } from '../kit/reply.js';
import { appendTypedRows } from '../kit/state/append-rows.js';

/** /add in every chat; in private chats (and replies to the bot in groups) plain text is rows too. */
export function rowsFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('add', async (ctx) => {
    if (ctx.payload.trim() === '') return void (await reply(ctx, ctx.t('rows.addHelp')));
    await addRows(deps, ctx, ctx.payload);
  });
  composer.on('text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/')) return next();
    const repliesToBot = ctx.message.reply_to_message?.from?.id === ctx.botInfo.id;
    if (isGroupChat(ctx) && !repliesToBot) return next();
    if (!/\d/.test(ctx.message.text)) return void (await reply(ctx, ctx.t('rows.ignoredText')));
    await addRows(deps, ctx, ctx.message.text);
  });
  return composer;
}

async function addRows(deps: BotDependencies, ctx: BotContext, text: string): Promise<void> {
  const appended = await appendTypedRows(deps, ctx, text);
  if (!appended.ok) return void (await reply(ctx, appended.refusal));
  const { added, total } = appended;
  if (ctx.quiet && (await confirmWithReaction(ctx))) return;
  await reply(ctx, ctx.t('rows.added', { count: added, total }), rowsArrivedKeyboard(ctx));
}

/** In a quiet group rows are confirmed by a 👍 on the member's message: no message, no share of the budget. */
async function confirmWithReaction(ctx: BotContext): Promise<boolean> {
  const messageId = ctx.message?.message_id;
  if (messageId === undefined) return false;
  return ctx.telegram
    .setMessageReaction(ctx.chat?.id as number, messageId, [{ type: 'emoji', emoji: '👍' }])
    .then(
      () => true,
      () => false,
    );
}
