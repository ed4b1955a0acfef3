import { Composer } from 'telegraf';
import type { PerceptronContent } from '../../files/perceptron-file.js';
import type { BotContext } from '../bot-context.js';
import type { BotDependencies } from '../bot-dependencies.js';
import { button, onButton } from '../buttons.js';
import { decodeButton } from '../callback-data.js';
import { formatUnits } from '../render/numbers.js';
import { answerPress, reply } from '../reply.js';
import { updatePerceptron } from '../state/perceptron-state.js';
import { type OpenedShare, openShareLink } from '../state/share-links.js';
import { COPY_SHARE_BUTTON, readShareCode, SHARE_PAYLOAD_PREFIX } from '../state/shares.js';
import { refuseWhileTraining } from './training-guard.js';

/** Opening a share: `/start s_<code>` or [Copy to my bot] asks to confirm; [Yes, copy it] copies. */
export function shareOpenFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.start(async (ctx, next) => {
    if (!ctx.payload.startsWith(SHARE_PAYLOAD_PREFIX)) return next();
    await askToCopy(deps, ctx, readShareCode(ctx.payload.trim()));
  });
  composer.action(new RegExp(`^${COPY_SHARE_BUTTON}\\|`), async (ctx) => {
    const press = decodeButton('data' in ctx.callbackQuery ? ctx.callbackQuery.data : '');
    await answerPress(ctx);
    await askToCopy(deps, ctx, press?.argument);
  });
  onButton(composer, 'sy', async (ctx, press) => {
    if (await refuseWhileTraining(deps, ctx)) return undefined;
    const opened = await openShareLink(deps.shares, press.argument);
    if (!opened.ok) return void (await reply(ctx, refusal(ctx, opened)));
    await copyShare(deps, ctx, opened.copy);
    return undefined;
  });
  return composer;
}

async function askToCopy(deps: BotDependencies, ctx: BotContext, code: string | undefined): Promise<void> {
  const opened = await openShareLink(deps.shares, code);
  if (!opened.ok || code === undefined) return void (await reply(ctx, refusal(ctx, opened)));
  const { rows, model } = opened.copy;
  const vars = {
    rows: formatUnits(ctx.t, ctx.language, 'rows', rows.length),
    inputs: formatUnits(ctx.t, ctx.language, 'inputs', rows[0]?.inputs.length ?? 0),
    epochs: formatUnits(ctx.t, ctx.language, 'epochs', model?.epochsTrained ?? 0),
  };
  await reply(ctx, ctx.t(model ? 'share.confirmModel' : 'share.confirm', vars), [
    [button(ctx, ctx.t('share.yes'), 'sy', code), button(ctx, ctx.t('buttons.cancel'), 'cn')],
  ]);
}

function refusal(ctx: BotContext, opened: OpenedShare): string {
  switch (opened.ok ? 'unknown' : opened.reason) {
    case 'revoked':
      return ctx.t('share.revoked');
    case 'replaced':
      return ctx.t('share.replaced');
    case 'legacy':
      return ctx.t('share.legacy');
    default:
      return ctx.t('share.unknown');
  }
}

/** Replaces the member's perceptron with the link's copy, which is what the sharer had at /share. */
async function copyShare(deps: BotDependencies, ctx: BotContext, copy: PerceptronContent): Promise<void> {
  const { rows, settings, model, columns } = copy;
  await updatePerceptron(deps, ctx, (stored) => ({
    ...stored,
    rows,
    settings,
    model,
    columns,
    pending: undefined,
  }));
  const count = formatUnits(ctx.t, ctx.language, 'rows', rows.length);
  const epochs = formatUnits(ctx.t, ctx.language, 'epochs', model?.epochsTrained ?? 0);
  await reply(
    ctx,
    model ? ctx.t('share.copiedModel', { rows: count, epochs }) : ctx.t('share.copied', { rows: count }),
  );
}
