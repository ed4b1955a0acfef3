import { Composer } from 'telegraf';
import { isTrained } from '../../core/model.js';
import { columnNamesFor } from '../../files/column-names.js';
import type { BotContext } from '../bot-context.js';
import type { BotDependencies } from '../bot-dependencies.js';
import { button, onButton } from '../buttons.js';
import { decodeButton } from '../callback-data.js';
import { formatUnits } from '../render/numbers.js';
import { answerPress, reply } from '../reply.js';
import type { PerceptronDoc } from '../state/documents.js';
import { updatePerceptron } from '../state/perceptron-state.js';
import { COPY_SHARE_BUTTON, readShareCode, SHARE_PAYLOAD_PREFIX, shareKey } from '../state/shares.js';
import { refuseWhileTraining } from './training-guard.js';

type Found =
  | { ok: true; code: string; source: PerceptronDoc; withModel: boolean }
  | { ok: false; text: string };

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
    const found = await findShare(deps, ctx, press.argument);
    if (!found.ok) return void (await reply(ctx, found.text));
    await copyShare(deps, ctx, found);
    return undefined;
  });
  return composer;
}

async function askToCopy(deps: BotDependencies, ctx: BotContext, code: string | undefined): Promise<void> {
  const found = await findShare(deps, ctx, code);
  if (!found.ok) return void (await reply(ctx, found.text));
  const { rows, model } = found.source;
  const vars = {
    rows: formatUnits(ctx.t, ctx.language, 'rows', rows.length),
    inputs: formatUnits(ctx.t, ctx.language, 'inputs', rows[0]?.inputs.length ?? 0),
    epochs: formatUnits(ctx.t, ctx.language, 'epochs', model?.epochsTrained ?? 0),
  };
  await reply(ctx, ctx.t(found.withModel ? 'share.confirmModel' : 'share.confirm', vars), [
    [button(ctx, ctx.t('share.yes'), 'sy', found.code), button(ctx, ctx.t('buttons.cancel'), 'cn')],
  ]);
}

async function findShare(deps: BotDependencies, ctx: BotContext, code: string | undefined): Promise<Found> {
  const share = code === undefined ? undefined : await deps.shares.read(shareKey(code));
  if (code === undefined || share?.kind !== 'share') return { ok: false, text: ctx.t('share.unknown') };
  if (share.revoked) return { ok: false, text: ctx.t('share.revoked') };
  const source = await deps.perceptrons.read(share.source);
  if (!source || source.rows.length === 0) return { ok: false, text: ctx.t('share.empty') };
  const model = source.model;
  const withModel = share.withModel && model !== undefined && isTrained(model);
  return { ok: true, code, source, withModel };
}

async function copyShare(deps: BotDependencies, ctx: BotContext, found: Found & { ok: true }): Promise<void> {
  const { source, withModel } = found;
  const width = source.rows[0]?.inputs.length ?? 0;
  const fits = withModel && source.model?.inputs === width;
  await updatePerceptron(deps, ctx, (stored) => ({
    ...stored,
    rows: source.rows.map((row) => ({ inputs: [...row.inputs], output: row.output })),
    settings: { ...source.settings },
    model: fits ? source.model : undefined,
    columns: columnNamesFor(source.columns, width),
    pending: undefined,
  }));
  const rows = formatUnits(ctx.t, ctx.language, 'rows', source.rows.length);
  const epochs = formatUnits(ctx.t, ctx.language, 'epochs', source.model?.epochsTrained ?? 0);
  await reply(ctx, fits ? ctx.t('share.copiedModel', { rows, epochs }) : ctx.t('share.copied', { rows }));
}
