import { Composer } from 'telegraf';
import { createModel, resetModel } from '../../core/model.js';
import { numberFormatFor } from '../../core/number-format.js';
import { columnNamesFor } from '../../files/column-names.js';
import { escapeHtml } from '../../i18n/i18n.js';
import { openAppRows } from '../kit/app-button.js';
import type { BotContext } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { onButtonRun } from '../kit/buttons.js';
import { BUTTON_CODES } from '../kit/callback-data.js';
import { formatUnits } from '../kit/render/numbers.js';
import { renderWeightLines } from '../kit/render/weights.js';
import { reply } from '../kit/reply.js';
import { readPerceptron, updatePerceptron } from '../kit/state/perceptron-state.js';
import { refuseWhileTraining } from '../kit/training-guard.js';

/** /weights shows the current and initial weights; /reset goes back to the seed's weights. */
export function weightsFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('weights', (ctx) => showWeights(deps, ctx));
  onButtonRun(composer, BUTTON_CODES.weights, (ctx) => showWeights(deps, ctx));
  composer.command('reset', async (ctx) => {
    if (await refuseWhileTraining(deps, ctx)) return;
    const { doc } = await updatePerceptron(deps, ctx, (stored) => {
      const width = stored.rows[0]?.inputs.length;
      const model = stored.model ?? (width ? createModel(stored.settings, width) : undefined);
      return { ...stored, model: model && resetModel(model) };
    });
    await reply(ctx, ctx.t('reset.done', { seed: doc.settings.seed }));
  });
  return composer;
}

async function showWeights(deps: BotDependencies, ctx: BotContext): Promise<void> {
  const { model, columns } = await readPerceptron(deps, ctx);
  if (!model) return void (await reply(ctx, ctx.t('weights.none')));
  const names = columnNamesFor(columns, model.inputs)?.inputs;
  const column = (weights: readonly number[], bias?: number) =>
    `<pre>${escapeHtml(renderWeightLines(ctx.t, numberFormatFor(ctx.language), weights, bias, names).join('\n'))}</pre>`;
  const title = ctx.t('weights.title', {
    seed: model.settings.seed,
    epochs: formatUnits(ctx.t, ctx.language, 'epochs', model.epochsTrained),
  });
  const open = openAppRows(deps, ctx);
  await reply(
    ctx,
    [
      title,
      `${ctx.t('weights.current')}:`,
      column(model.weights, model.bias),
      `${ctx.t('weights.initial')}:`,
      column(model.initialWeights, model.initialBias),
    ].join('\n'),
    open.length > 0 ? open : undefined,
  );
}
