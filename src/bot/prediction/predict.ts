import { Composer } from 'telegraf';
import { parseQuery, type QueryErrorCode } from '../../core/dataset-parse.js';
import { isTrained } from '../../core/model.js';
import { numberFormatFor } from '../../core/number-format.js';
import { predict } from '../../core/predict.js';
import { sampleQuery } from '../../core/sample-query.js';
import type { LocaleKey } from '../../i18n/locale-keys.js';
import type { BotContext } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { onButtonRun } from '../kit/buttons.js';
import { BUTTON_CODES } from '../kit/callback-data.js';
import { reply } from '../kit/reply.js';
import { readPerceptron } from '../kit/state/perceptron-state.js';
import { nameActivation } from './render-activation.js';

const QUERY_ERROR_KEYS: Readonly<Record<QueryErrorCode, LocaleKey>> = {
  empty: 'predict.empty',
  'not-a-number': 'predict.not-a-number',
  'not-finite': 'predict.not-finite',
  'invisible-character': 'invisible.query',
  'wrong-arity': 'predict.wrong-arity',
  'has-arrow': 'predict.has-arrow',
};

/** /predict 1 1 0: the output, the class, and how the neuron got there. */
export function predictFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('predict', (ctx) => answerQuery(deps, ctx, ctx.payload));
  onButtonRun(composer, BUTTON_CODES.predict, (ctx, press) =>
    answerQuery(deps, ctx, press.argument.replaceAll('_', ' ')),
  );
  return composer;
}

async function answerQuery(deps: BotDependencies, ctx: BotContext, text: string): Promise<void> {
  const { rows, model } = await readPerceptron(deps, ctx);
  const fitsData = rows.length === 0 || rows[0]?.inputs.length === model?.inputs;
  if (!model || !isTrained(model) || !fitsData) {
    return void (await reply(ctx, ctx.t(rows.length === 0 ? 'predict.noData' : 'predict.untrained')));
  }
  const numbers = numberFormatFor(ctx.language);
  const sample = sampleQuery(rows, model).map(numbers.value).join(' ');
  const parsed = parseQuery(text, model.inputs);
  if (!parsed.ok) {
    const { code, token, expected, actual } = parsed.error;
    return void (await reply(
      ctx,
      ctx.t(QUERY_ERROR_KEYS[code], { token, expected, actual, count: expected, sample }),
    ));
  }
  const { sum, output, label } = predict(model, parsed.inputs);
  const vars = {
    inputs: parsed.inputs.map(numbers.value).join(' '),
    output: numbers.fixed(output),
    label,
    sum: numbers.fixed(sum),
    activation: nameActivation(ctx.t, model.settings.activation),
  };
  await reply(ctx, `${ctx.t('predict.result', vars)}\n${ctx.t('predict.how', vars)}`);
}
