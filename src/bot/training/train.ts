import { Composer } from 'telegraf';
import { formatCount, numberFormatFor } from '../../core/number-format.js';
import type { TrainProgress } from '../../core/train-types.js';
import { NotSentError } from '../../telegram/rate-limit.js';
import type { BotContext } from '../kit/bot-context.js';
import { isGroupChat } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { button, onButton, onButtonRun } from '../kit/buttons.js';
import { BUTTON_CODES } from '../kit/callback-data.js';
import { editProgressMessage } from '../kit/edit-message.js';
import { formatUnits } from '../kit/render/numbers.js';
import { type Keyboard, reply } from '../kit/reply.js';
import { keyOf, readPerceptron } from '../kit/state/perceptron-state.js';
import { renderProgress } from './render-progress.js';
import { finishTraining, rememberProgressMessage } from './train-finish.js';
import { handoverNote } from './train-handover.js';
import { planTraining } from './train-plan.js';

const DEFAULT_PROGRESS_INTERVAL = { private: 2_000, group: 15_000 };

/** /train, /stop and their buttons; the training itself runs in the background. */
export function trainFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('train', (ctx) => startTraining(deps, ctx, ctx.payload));
  onButtonRun(composer, BUTTON_CODES.train, (ctx) => startTraining(deps, ctx, ''));
  composer.command('stop', async (ctx) => {
    if (!deps.trainer.stop(keyOf(ctx))) await reply(ctx, ctx.t('train.nothingToStop'));
  });
  onButton(composer, BUTTON_CODES.stopTraining, async (ctx, press) =>
    deps.trainer.stop(keyOf(ctx), press.argument) ? ctx.t('train.stopping') : ctx.t('press.stale'),
  );
  return composer;
}

const stopKeyboard = (ctx: BotContext, id: string): Keyboard => [
  [button(ctx, ctx.t('buttons.stop'), BUTTON_CODES.stopTraining, id)],
];

/** What /train does: the same for the Mini App's [Train], whose member's chat gets the progress and result. */
export async function startTraining(deps: BotDependencies, ctx: BotContext, argument: string): Promise<void> {
  const key = keyOf(ctx);
  const running = deps.trainer.running(key);
  if (running) return void (await reply(ctx, ctx.t('train.alreadyRunning'), stopKeyboard(ctx, running.id)));
  const doc = await readPerceptron(deps, ctx);
  const plan = planTraining(doc, argument, deps.config.limits);
  if (!plan.ok) return void (await reply(ctx, ctx.t(plan.key, localizePlanVars(ctx, plan.vars))));
  // Trainings in worker processes outlive a crash: the update handled again at the restart starts none.
  const updateId = ctx.update.update_id;
  if (deps.trainer.startedBy && (await deps.trainer.startedBy(updateId))) return;

  const intervals = deps.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL;
  const interval = isGroupChat(ctx) ? intervals.group : intervals.private;
  let lastEdit = Date.now();
  let progressMessage: Promise<number | undefined> = Promise.resolve(undefined);
  const onProgress = (progress: TrainProgress) => {
    if (ctx.quiet || Date.now() - lastEdit < interval || progress.epoch >= progress.epochs) return;
    lastEdit = Date.now();
    void progressMessage.then((id) => {
      if (id)
        void editProgressMessage(
          ctx,
          id,
          renderProgress(ctx.t, numberFormatFor(ctx.language), progress),
          stopKeyboard(ctx, job.id),
        );
    });
  };
  const job = deps.trainer.start(
    key,
    { model: plan.model, rows: plan.rows, epochs: plan.epochs },
    onProgress,
    { updateId },
  );
  deps.trainer.describe?.(job.id, handoverNote(ctx));
  const first = { epoch: 0, epochs: plan.epochs, loss: Number.NaN };
  // A quiet group sees no progress message: only the result line at the end.
  if (!ctx.quiet)
    progressMessage = reply(
      ctx,
      renderProgress(ctx.t, numberFormatFor(ctx.language), first),
      stopKeyboard(ctx, job.id),
    ).then(
      (message) => {
        // A training over before its message went out (the lesson takes milliseconds) needs no record.
        if (deps.trainer.running(key)?.id === job.id) rememberProgressMessage(deps, ctx, message.message_id);
        deps.trainer.describe?.(job.id, handoverNote(ctx, message.message_id));
        return message.message_id;
      },
      (error: unknown) => {
        if (!(error instanceof NotSentError))
          deps.logger.warn({ err: error }, 'could not send the progress message');
        return undefined;
      },
    );
  deps.background.track(
    finishTraining(deps, ctx, {
      key,
      id: job.id,
      done: job.done,
      progressMessage,
      epochsAsked: plan.epochs,
      rows: plan.rows,
    }),
  );
  // The update is crossed off once its training is queued: a crash before that handles it again.
  await job.queued;
}

/** Numbers in a plan's message read better with the language's digit grouping and plural units. */
export function localizePlanVars(
  ctx: BotContext,
  vars: Record<string, unknown> = {},
): Record<string, unknown> {
  const unit = (name: 'rows' | 'inputs' | 'epochs', n: unknown) =>
    typeof n === 'number' ? formatUnits(ctx.t, ctx.language, name, n) : n;
  return {
    ...vars,
    rows: unit('rows', vars.rows),
    inputs: unit('inputs', vars.inputs),
    epochs: unit('epochs', vars.epochs),
    fit: unit('epochs', vars.fit),
    fitNumber: vars.fit,
    max: typeof vars.max === 'number' ? formatCount(vars.max, ctx.language) : vars.max,
  };
}
