import { formatNumber } from '../../core/dataset-format.js';
import { numberFormatFor } from '../../core/number-format.js';
import type { BotContext } from './bot-context.js';
import { button } from './buttons.js';
import { BUTTON_CODES } from './callback-data.js';
import type { Keyboard } from './reply.js';

/** A button that asks the sample query (/predict answers it), when its data fits; the data keeps decimal points. */
export function predictButtons(ctx: BotContext, inputs: readonly number[]): Keyboard {
  const argument = inputs.map(formatNumber).join('_');
  if (argument.length > 40 || !/^[\w.-]*$/.test(argument)) return [];
  const label = ctx.t('buttons.predict', {
    inputs: inputs.map(numberFormatFor(ctx.language).value).join(' '),
  });
  return [[button(ctx, label, BUTTON_CODES.predict, argument)]];
}
