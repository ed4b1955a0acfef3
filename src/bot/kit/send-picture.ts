import type { Message } from 'telegraf/types';
import { cutText } from '../../core/cut-text.js';
import { parseQuery } from '../../core/dataset-parse.js';
import { numberFormatFor } from '../../core/number-format.js';
import { canReplay } from '../../pictures/replay-frames.js';
import { NotSentError } from '../../telegram/rate-limit.js';
import { openAppRows } from './app-button.js';
import { type BotContext, isGroupChat } from './bot-context.js';
import type { BotDependencies } from './bot-dependencies.js';
import { button } from './buttons.js';
import { BUTTON_CODES } from './callback-data.js';
import { formatUnits } from './render/numbers.js';
import {
  choosePictureModel,
  describePicture,
  describeReplay,
  renderPictureCaption,
  renderReplayCaption,
} from './render/picture-input.js';
import { type Keyboard, mediaReplyOptions, reply, sendAs } from './reply.js';
import type { PerceptronDoc } from './state/documents.js';
import { readPerceptron } from './state/perceptron-state.js';

export interface PictureOptions {
  /**
   * The case drawn through the neuron: as the member typed it (`1 1 0`) or as numbers; the first row when
   * absent or empty. A case that does not fit the perceptron gets a sentence saying so instead.
   */
  inputs?: string | readonly number[];
  /** Rows of buttons under the picture, below its [🎞 Replay] (e.g. a tour's [Next ▶️]). */
  buttons?: Keyboard;
  /** The picture follows a training on the bot's own account (see SendOptions). */
  background?: boolean;
}

/**
 * Sends the picture of the sender's perceptron in this chat (as stored) as one photo with a caption in
 * their language, rendered on the worker pool, with a [🎞 Replay] button once it has trained. In groups
 * it quotes the member's message. Answers with a sentence instead, and resolves undefined, when there
 * are no rows or the case does not fit; never throws for bad input.
 */
export async function sendPicture(
  deps: BotDependencies,
  ctx: BotContext,
  options: PictureOptions = {},
): Promise<Message.PhotoMessage | undefined> {
  const doc = await readPerceptron(deps, ctx);
  const model = choosePictureModel(doc);
  const first = doc.rows[0];
  const sending = { background: options.background === true };
  if (!model || !first) return void (await reply(ctx, ctx.t('pictures.noRows'), undefined, sending));
  const parsed = readCase(options.inputs, model.inputs, first.inputs);
  if (!parsed.ok) {
    const vars = {
      token: parsed.token,
      inputs: formatUnits(ctx.t, ctx.language, 'inputs', model.inputs),
      sample: first.inputs.map(numberFormatFor(ctx.language).value).join(' '),
    };
    return void (await reply(ctx, ctx.t('pictures.badCase', vars), undefined, sending));
  }
  const view = { model, rows: doc.rows, inputs: parsed.inputs, columns: doc.columns };
  const input = describePicture(ctx.t, ctx.language, view);
  const made = await deps.pictures.picture(input);
  const caption = renderPictureCaption(ctx.t, ctx.language, input, made);
  const replay: Keyboard = canReplay(model)
    ? [[button(ctx, ctx.t('pictures.replayButton'), BUTTON_CODES.replay)]]
    : [];
  const keyboard = [...replay, ...(options.buttons ?? []), ...openAppRows(deps, ctx)];
  return ctx.telegram.sendPhoto(
    chatIdOf(ctx),
    { source: Buffer.from(made.png), filename: 'perceptron.png' },
    sendAs(
      {
        caption,
        parse_mode: 'HTML' as const,
        ...mediaReplyOptions(ctx, keyboard.length > 0 ? keyboard : undefined),
      },
      sending,
    ),
  );
}

type CaseReading = { ok: true; inputs: readonly number[] } | { ok: false; token: string };

function readCase(inputs: PictureOptions['inputs'], width: number, first: readonly number[]): CaseReading {
  if (inputs === undefined || inputs.length === 0 || (typeof inputs === 'string' && inputs.trim() === '')) {
    return { ok: true, inputs: first };
  }
  if (typeof inputs !== 'string') {
    const fits = inputs.length === width && inputs.every(Number.isFinite);
    return fits ? { ok: true, inputs: [...inputs] } : { ok: false, token: cutText(inputs.join(' '), 30) };
  }
  const parsed = parseQuery(inputs, width);
  return parsed.ok ? parsed : { ok: false, token: parsed.error.token ?? cutText(inputs.trim(), 30) };
}

/**
 * Sends the sender's last training as a looping animation; a sentence when there is none to show, or
 * when it ran a single epoch (as /step does), too short to replay.
 */
export async function sendReplay(deps: BotDependencies, ctx: BotContext): Promise<void> {
  const doc = await readPerceptron(deps, ctx);
  const model = choosePictureModel(doc);
  if (!model?.lastRun || doc.rows.length === 0) return void (await reply(ctx, ctx.t('pictures.noReplay')));
  if (!canReplay(model)) return void (await reply(ctx, ctx.t('pictures.replayTooShort')));
  const view = { model, rows: doc.rows, columns: doc.columns };
  const made = await deps.pictures.replay(describeReplay(ctx.t, ctx.language, view));
  await ctx.telegram.sendAnimation(
    chatIdOf(ctx),
    { source: Buffer.from(made.gif), filename: 'training.gif' },
    {
      caption: renderReplayCaption(ctx.t, ctx.language, made),
      parse_mode: 'HTML',
      ...mediaReplyOptions(ctx),
    },
  );
}

/**
 * In a private chat the picture follows each training, unless the member turned that off; groups get it
 * on request only, to spare their message budget. A picture that fails leaves the result as it is.
 */
export async function followWithPicture(deps: BotDependencies, ctx: BotContext, doc: PerceptronDoc) {
  if (isGroupChat(ctx) || doc.pictures === false) return;
  try {
    await sendPicture(deps, ctx, { background: true });
  } catch (error) {
    // The bot is stopping (its workers end, it sends nothing more): nothing went wrong with the picture.
    if (error instanceof NotSentError || deps.trainer.shuttingDown) return;
    deps.logger.error({ err: error }, 'the picture after a training failed');
    await reply(ctx, ctx.t('pictures.failed')).catch(() => undefined);
  }
}

function chatIdOf(ctx: BotContext): number {
  const id = ctx.chat?.id;
  if (id === undefined) throw new Error('a picture without a chat');
  return id;
}
