import { Composer } from 'telegraf';
import { isTrained } from '../../core/model.js';
import { columnNamesFor } from '../../files/column-names.js';
import type { PerceptronContent } from '../../files/perceptron-file.js';
import { type BotContext, isGroupChat, senderId } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { BUTTON_CODES, encodeButton } from '../kit/callback-data.js';
import { reply } from '../kit/reply.js';
import { readPerceptron } from '../kit/state/perceptron-state.js';
import { createShareLink, revokeShareLinks } from './share-links.js';
import { shareLink } from './shares.js';

/** /share, /share model and /share off. */
export function shareFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('share', async (ctx) => {
    const argument = ctx.payload.trim().toLowerCase();
    if (argument === 'off') return revokeShares(deps, ctx);
    if (argument !== '' && argument !== 'model') return void (await reply(ctx, ctx.t('share.usage')));
    await createShare(deps, ctx, argument === 'model');
  });
  return composer;
}

/** A link to a copy of the sender's perceptron as it is now; it replaces their previous link of the kind. */
async function createShare(deps: BotDependencies, ctx: BotContext, withModel: boolean): Promise<void> {
  const { rows, settings, model, columns } = await readPerceptron(deps, ctx);
  if (rows.length === 0) return void (await reply(ctx, ctx.t('share.nothing')));
  const width = rows[0]?.inputs.length ?? 0;
  const weights = model && isTrained(model) && model.inputs === width ? model : undefined;
  if (withModel && !weights) return void (await reply(ctx, ctx.t('share.noModel')));
  const names = columnNamesFor(columns, width);
  const copy: PerceptronContent = {
    rows,
    settings,
    ...(withModel && weights ? { model: weights } : {}),
    ...(names ? { columns: names } : {}),
  };
  const code = await createShareLink(deps.shares, senderId(ctx), withModel ? 'model' : 'data', copy);
  const link = shareLink(ctx.me, code);
  const text = ctx.t(withModel ? 'share.linkModel' : 'share.linkData', { link });
  const copyButton = encodeButton(BUTTON_CODES.copyShare, 0, code);
  const button = { text: ctx.t('share.copyButton'), callback_data: copyButton };
  await reply(ctx, text, isGroupChat(ctx) ? [[button]] : undefined);
}

async function revokeShares(deps: BotDependencies, ctx: BotContext): Promise<void> {
  const revoked = await revokeShareLinks(deps.shares, senderId(ctx));
  await reply(ctx, revoked === 0 ? ctx.t('share.offNone') : ctx.t('share.off', { count: revoked }));
}
