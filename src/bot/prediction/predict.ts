import { Composer } from 'telegraf';
import { formatNumber } from '../../core/dataset-format.js';
import { parseQuery, type QueryErrorCode } from '../../core/dataset-parse.js';
import { EXAMPLES } from '../../core/examples.js';
import { isTrained } from '../../core/model.js';
import { predict } from '../../core/predict.js';
import type { ModelState, Row } from '../../core/types.js';
import type { LocaleKey } from '../../i18n/locale-keys.js';
import type { BotContext } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { button, onButtonRun } from '../kit/buttons.js';
import { BUTTON_CODES } from '../kit/callback-data.js';
import { numberFormatFor } from '../kit/render/numbers.js';
import { type Keyboard, reply } from '../kit/reply.js';
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

/** A query worth asking: the example's new case when the rows are an example, else the first row's inputs. */
export function sampleQuery(rows: readonly Row[], model: ModelState): number[] {
  const same = (a: readonly Row[], b: readonly Row[]) =>
    a.length === b.length && a.every((row, i) => formatRowKey(row) === formatRowKey(b[i] as Row));
  const example = EXAMPLES.find((e) => same(e.rows, rows));
  return [...(example?.tryInputs[0] ?? rows[0]?.inputs ?? new Array<number>(model.inputs).fill(1))];
}

const formatRowKey = (row: Row) => `${row.inputs.join(' ')}>${row.output}`;

/** A button that asks the sample query, when its data fits in a button; the data keeps decimal points. */
export function predictButtons(ctx: BotContext, inputs: readonly number[]): Keyboard {
  const argument = inputs.map(formatNumber).join('_');
  if (argument.length > 40 || !/^[\w.-]*$/.test(argument)) return [];
  const label = ctx.t('buttons.predict', {
    inputs: inputs.map(numberFormatFor(ctx.language).value).join(' '),
  });
  return [[button(ctx, label, BUTTON_CODES.predict, argument)]];
}
