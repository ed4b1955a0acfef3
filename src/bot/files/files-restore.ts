import type { PerceptronContent } from '../../files/perceptron-file.js';
import type { BotContext } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { rowsArrivedKeyboard } from '../kit/buttons.js';
import { formatUnits } from '../kit/render/numbers.js';
import { reply } from '../kit/reply.js';
import { updatePerceptron } from '../kit/state/perceptron-state.js';

/** Replaces the member's rows, settings, weights and column names with a file's, in one write. */
export async function restorePerceptron(
  deps: BotDependencies,
  ctx: BotContext,
  content: PerceptronContent,
  name: string,
): Promise<void> {
  await updatePerceptron(deps, ctx, (stored) => ({
    ...stored,
    rows: content.rows,
    settings: content.settings,
    model: content.model,
    columns: content.columns,
    pending: undefined,
  }));
  const text = ctx.t('files.restored', {
    name,
    rows: formatUnits(ctx.t, ctx.language, 'rows', content.rows.length),
    epochs: formatUnits(ctx.t, ctx.language, 'epochs', content.model?.epochsTrained ?? 0),
  });
  await reply(ctx, text, rowsArrivedKeyboard(ctx));
}
