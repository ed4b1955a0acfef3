import { Composer } from 'telegraf';
import { isTrained } from '../../core/model.js';
import { type BotContext, isGroupChat, senderId } from '../bot-context.js';
import type { BotDependencies } from '../bot-dependencies.js';
import { encodeButton } from '../callback-data.js';
import { reply } from '../reply.js';
import { keyOf, readPerceptron } from '../state/perceptron-state.js';
import {
  COPY_SHARE_BUTTON,
  createShareCode,
  type ShareDoc,
  type SharerDoc,
  shareKey,
  shareLink,
  sharerKey,
} from '../state/shares.js';

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

async function createShare(deps: BotDependencies, ctx: BotContext, withModel: boolean): Promise<void> {
  const { rows, model } = await readPerceptron(deps, ctx);
  if (rows.length === 0) return void (await reply(ctx, ctx.t('share.nothing')));
  if (withModel && !(model && isTrained(model))) return void (await reply(ctx, ctx.t('share.noModel')));
  const code = createShareCode();
  const owner = senderId(ctx);
  const share: ShareDoc = {
    version: 1,
    kind: 'share',
    owner,
    source: keyOf(ctx),
    withModel,
    createdAt: Date.now(),
    revoked: false,
  };
  await deps.shares.update(shareKey(code), () => share);
  await deps.shares.update(sharerKey(owner), (stored) => {
    const codes = stored?.kind === 'sharer' ? stored.codes : [];
    return { version: 1, kind: 'sharer', codes: [...codes, code] } satisfies SharerDoc;
  });
  const link = shareLink(ctx.me, code);
  const text = ctx.t(withModel ? 'share.linkModel' : 'share.linkData', { link });
  const copy = { text: ctx.t('share.copyButton'), callback_data: encodeButton(COPY_SHARE_BUTTON, 0, code) };
  await reply(ctx, text, isGroupChat(ctx) ? [[copy]] : undefined);
}

async function revokeShares(deps: BotDependencies, ctx: BotContext): Promise<void> {
  const sharer = await deps.shares.read(sharerKey(senderId(ctx)));
  const codes = sharer?.kind === 'sharer' ? sharer.codes : [];
  let revoked = 0;
  for (const code of codes) {
    const share = await deps.shares.read(shareKey(code));
    if (share?.kind !== 'share' || share.revoked) continue;
    await deps.shares.update(shareKey(code), () => ({ ...share, revoked: true }));
    revoked += 1;
  }
  await reply(ctx, revoked === 0 ? ctx.t('share.offNone') : ctx.t('share.off', { count: revoked }));
}
