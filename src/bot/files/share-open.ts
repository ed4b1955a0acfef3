import { Composer } from 'telegraf';
import type { PerceptronContent } from '../../files/perceptron-file.js';
import type { BotContext } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { button, onButton, onPress, readPress } from '../kit/buttons.js';
import { BUTTON_CODES } from '../kit/callback-data.js';
import { formatUnits } from '../kit/render/numbers.js';
import { answerPress, reply } from '../kit/reply.js';
import { updatePerceptron } from '../kit/state/perceptron-state.js';
import { refuseWhileTraining } from '../kit/training-guard.js';
import { type OpenedShare, openShareLink } from './share-links.js';
import { readShareCode, SHARE_PAYLOAD_PREFIX } from './shares.js';

/** Opening a share: `/start s_<code>` or [Copy to my bot] asks to confirm; [Yes, copy it] copies. */
export function shareOpenFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.start(async (ctx, next) => {
    if (!ctx.payload.startsWith(SHARE_PAYLOAD_PREFIX)) return next();
    await askToCopy(deps, ctx, readShareCode(ctx.payload.trim()));
  });
  // [Copy to my bot] under a link in a group: anyone there may press it.
  onPress(composer, BUTTON_CODES.copyShare, async (ctx) => {
    const press = readPress(ctx, BUTTON_CODES.copyShare);
    await answerPress(ctx);
    await askToCopy(deps, ctx, press?.argument);
  });
  onButton(composer, BUTTON_CODES.confirmShare, async (ctx, press) => {
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
    [
      button(ctx, ctx.t('share.yes'), BUTTON_CODES.confirmShare, code),
      button(ctx, ctx.t('buttons.cancel'), BUTTON_CODES.cancel),
    ],
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
