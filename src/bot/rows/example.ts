import { randomBytes } from 'node:crypto';
import { Composer } from 'telegraf';
import { cutText } from '../../core/cut-text.js';
import { EXAMPLES, type Example, type ExampleName, findExample } from '../../core/examples.js';
import { numberFormatFor } from '../../core/number-format.js';
import type { LocaleKey } from '../../i18n/locale-keys.js';
import type { BotContext } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { button, onButton, onButtonRun, rowsArrivedKeyboard } from '../kit/buttons.js';
import { BUTTON_CODES } from '../kit/callback-data.js';
import { type Keyboard, reply } from '../kit/reply.js';
import { readPerceptron, updatePerceptron } from '../kit/state/perceptron-state.js';
import { refuseWhileTraining } from '../kit/training-guard.js';

const DESCRIPTION_KEYS: Readonly<Record<ExampleName, LocaleKey>> = {
  lesson: 'examples.lesson.description',
  and: 'examples.and.description',
  or: 'examples.or.description',
  nand: 'examples.nand.description',
  not: 'examples.not.description',
  xor: 'examples.xor.description',
  smileys: 'examples.smileys.description',
};

/** /example: a button per built-in dataset; loading one over the user's rows asks first. */
export function exampleFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('example', (ctx) => chooseOrLoad(deps, ctx, ctx.payload.trim()));
  onButtonRun(composer, BUTTON_CODES.example, (ctx, press) => chooseOrLoad(deps, ctx, press.argument));
  onButton(composer, BUTTON_CODES.confirmExample, async (ctx, press) => {
    const { pending } = await readPerceptron(deps, ctx);
    const example =
      pending?.action === 'example' && pending.example ? findExample(pending.example) : undefined;
    if (!example || pending?.nonce !== press.argument) return ctx.t('press.stale');
    await loadExample(deps, ctx, example);
    return undefined;
  });
  return composer;
}

async function chooseOrLoad(deps: BotDependencies, ctx: BotContext, name: string): Promise<void> {
  if (name === '') return void (await reply(ctx, ctx.t('example.choose'), exampleKeyboard(ctx)));
  const example = findExample(name);
  if (!example) {
    const names = EXAMPLES.map((e) => e.name).join(', ');
    return void (await reply(ctx, ctx.t('example.unknown', { name: cutText(name, 40), names })));
  }
  if (await refuseWhileTraining(deps, ctx)) return;
  const { rows } = await readPerceptron(deps, ctx);
  if (rows.length === 0) return loadExample(deps, ctx, example);
  const nonce = randomBytes(4).toString('hex');
  await updatePerceptron(deps, ctx, (doc) => ({
    ...doc,
    pending: { nonce, action: 'example', example: example.name },
  }));
  await reply(ctx, ctx.t('example.confirmReplace', { name: example.name, count: rows.length }), [
    [
      button(ctx, ctx.t('buttons.yesReplace'), BUTTON_CODES.confirmExample, nonce),
      button(ctx, ctx.t('buttons.cancel'), BUTTON_CODES.cancel),
    ],
  ]);
}

async function loadExample(deps: BotDependencies, ctx: BotContext, example: Example): Promise<void> {
  if (await refuseWhileTraining(deps, ctx)) return;
  const rows = example.rows.map((row) => ({ inputs: [...row.inputs], output: row.output }));
  await updatePerceptron(deps, ctx, (doc) => ({
    ...doc,
    rows,
    settings: { ...doc.settings, bias: example.bias },
    model: undefined,
    columns: undefined,
    pending: undefined,
  }));
  const tries = example.tryInputs
    .map((inputs) => `/predict ${inputs.map(numberFormatFor(ctx.language).value).join(' ')}`)
    .join(', ');
  const text = [
    ctx.t('example.loaded', {
      name: example.name,
      count: rows.length,
      description: ctx.t(DESCRIPTION_KEYS[example.name]),
    }),
    ...(example.bias ? [ctx.t('example.biasOn')] : []),
    ctx.t('example.next', { tries }),
  ].join('\n');
  await reply(ctx, text, rowsArrivedKeyboard(ctx));
}

function exampleKeyboard(ctx: BotContext): Keyboard {
  const buttons = EXAMPLES.map((e) => button(ctx, e.name, BUTTON_CODES.example, e.name));
  const keyboard: Keyboard = [];
  for (let i = 0; i < buttons.length; i += 3) keyboard.push(buttons.slice(i, i + 3));
  return keyboard;
}
