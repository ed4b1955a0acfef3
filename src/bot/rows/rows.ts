import { Composer } from 'telegraf';
import { MAX_ROW_ERRORS, parseRows } from '../../core/dataset-parse.js';
import { type BotContext, isGroupChat } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { rowsArrivedKeyboard } from '../kit/buttons.js';
import { renderRowErrors } from '../kit/render/row-errors.js';
import { reply } from '../kit/reply.js';
import { readPerceptron, updatePerceptron } from '../kit/state/perceptron-state.js';

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
  const { maxMessageLength, maxRows, maxInputs } = deps.config.limits;
  if (text.length > maxMessageLength) {
    return void (await reply(ctx, ctx.t('rows.tooLong', { length: text.length, limit: maxMessageLength })));
  }
  const current = await readPerceptron(deps, ctx);
  const parsed = parseRows(text, {
    limits: { maxRows, maxInputs },
    existingRows: current.rows.length,
    ...(current.rows[0] ? { expectedInputs: current.rows[0].inputs.length } : {}),
  });
  if (!parsed.ok) {
    const capped = parsed.errors.length >= MAX_ROW_ERRORS;
    return void (await reply(ctx, renderRowErrors(ctx.t, parsed.errors, capped)));
  }
  if (parsed.rows.length === 0) return void (await reply(ctx, ctx.t('rows.nothing')));
  const { doc } = await updatePerceptron(deps, ctx, (stored) => ({
    ...stored,
    rows: [...stored.rows, ...parsed.rows],
  }));
  if (ctx.quiet && (await confirmWithReaction(ctx))) return;
  await reply(
    ctx,
    ctx.t('rows.added', { count: parsed.rows.length, total: doc.rows.length }),
    rowsArrivedKeyboard(ctx),
  );
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
