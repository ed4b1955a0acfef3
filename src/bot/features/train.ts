import { Composer } from 'telegraf';
import type { TrainProgress } from '../../core/train-types.js';
import type { Row } from '../../core/types.js';
import { NotSentError } from '../../telegram/rate-limit.js';
import type { TrainingOutcome } from '../../training/training-runner.js';
import type { BotContext } from '../bot-context.js';
import { isGroupChat } from '../bot-context.js';
import type { BotDependencies } from '../bot-dependencies.js';
import { button, onButton } from '../buttons.js';
import { editMessage, editProgressMessage } from '../edit-message.js';
import { formatCount, formatUnits } from '../render/numbers.js';
import { renderProgress } from '../render/progress.js';
import { renderTrainingResult } from '../render/training-result.js';
import { type Keyboard, reply } from '../reply.js';
import { keyOf, readPerceptron, storeTrainingOutcome } from '../state/perceptron-state.js';
import { predictButtons, sampleQuery } from './predict.js';
import { planTraining } from './train-plan.js';

const DEFAULT_PROGRESS_INTERVAL = { private: 2_000, group: 15_000 };

/** /train, /stop and their buttons; the training itself runs in the background. */
export function trainFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('train', (ctx) => startTraining(deps, ctx, ctx.payload));
  onButton(composer, 'tr', async (ctx) => {
    await startTraining(deps, ctx, '');
    return undefined;
  });
  composer.command('stop', async (ctx) => {
    if (!deps.trainer.stop(keyOf(ctx))) await reply(ctx, ctx.t('train.nothingToStop'));
  });
  onButton(composer, 'st', async (ctx, press) =>
    deps.trainer.stop(keyOf(ctx), press.argument) ? ctx.t('train.stopping') : ctx.t('press.stale'),
  );
  return composer;
}

const counter = (ctx: BotContext) => (n: number) => formatCount(n, ctx.language);

const stopKeyboard = (ctx: BotContext, id: string): Keyboard => [
  [button(ctx, ctx.t('buttons.stop'), 'st', id)],
];

async function startTraining(deps: BotDependencies, ctx: BotContext, argument: string): Promise<void> {
  const key = keyOf(ctx);
  const running = deps.trainer.running(key);
  if (running) return void (await reply(ctx, ctx.t('train.alreadyRunning'), stopKeyboard(ctx, running.id)));
  const doc = await readPerceptron(deps, ctx);
  const plan = planTraining(doc, argument, deps.config.limits);
  if (!plan.ok) return void (await reply(ctx, ctx.t(plan.key, localizePlanVars(ctx, plan.vars))));

  const intervals = deps.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL;
  const interval = isGroupChat(ctx) ? intervals.group : intervals.private;
  let lastEdit = Date.now();
  let progressMessage: Promise<number | undefined> = Promise.resolve(undefined);
  const onProgress = (progress: TrainProgress) => {
    if (Date.now() - lastEdit < interval || progress.epoch >= progress.epochs) return;
    lastEdit = Date.now();
    void progressMessage.then((id) => {
      if (id)
        void editProgressMessage(
          ctx,
          id,
          renderProgress(ctx.t, progress, counter(ctx)),
          stopKeyboard(ctx, job.id),
        );
    });
  };
  const job = deps.trainer.start(
    key,
    { model: plan.model, rows: plan.rows, epochs: plan.epochs },
    onProgress,
  );
  const first = { epoch: 0, epochs: plan.epochs, loss: Number.NaN };
  progressMessage = reply(ctx, renderProgress(ctx.t, first, counter(ctx)), stopKeyboard(ctx, job.id)).then(
    (message) => message.message_id,
    (error: unknown) => {
      deps.logger.warn({ err: error }, 'could not send the progress message');
      return undefined;
    },
  );
  deps.background.track(
    finishTraining(deps, ctx, {
      key,
      done: job.done,
      progressMessage,
      epochsAsked: plan.epochs,
      rows: plan.rows,
    }),
  );
}

interface RunningView {
  key: string;
  done: Promise<TrainingOutcome>;
  progressMessage: Promise<number | undefined>;
  epochsAsked: number;
  rows: Row[];
}

/**
 * Saves the weights reached and turns the progress message into the result, evaluated on the rows trained
 * on. Should anything fail, the progress message says so instead of showing a Stop that no longer works;
 * a result the shutdown had no time to send is in the shutdown's log.
 */
async function finishTraining(deps: BotDependencies, ctx: BotContext, running: RunningView): Promise<void> {
  try {
    await reportResult(deps, ctx, running);
  } catch (error) {
    if (error instanceof NotSentError) return;
    deps.logger.error({ err: error, key: running.key }, 'a training could not be finished');
    await deliverResult(ctx, await running.progressMessage, ctx.t('train.failed'), []);
  }
}

async function reportResult(deps: BotDependencies, ctx: BotContext, running: RunningView): Promise<void> {
  const result = await running.done;
  await storeTrainingOutcome(deps, running.key, (doc) => ({ ...doc, model: result.model }));
  const stoppedBy = stopReason(result, deps.trainer.shuttingDown);
  const count = (n: number) => formatCount(n, ctx.language);
  const epochs = (n: number) => formatUnits(ctx.t, ctx.language, 'epochs', n);
  const text = renderTrainingResult(ctx.t, {
    result,
    epochsAsked: running.epochsAsked,
    rows: running.rows,
    evaluation: result.evaluation,
    count,
    epochs,
    ...(stoppedBy ? { stoppedBy } : {}),
  });
  const keyboard: Keyboard = [
    [button(ctx, ctx.t('buttons.trainMore'), 'tr'), button(ctx, ctx.t('buttons.weights'), 'wt')],
    ...predictButtons(ctx, sampleQuery(running.rows, result.model)),
  ];
  await deliverResult(ctx, await running.progressMessage, text, keyboard);
}

function stopReason(result: TrainingOutcome, shuttingDown: boolean) {
  if (result.diverged) return 'diverged';
  if (!result.stopped) return undefined;
  return shuttingDown ? 'shutdown' : 'stopped';
}

/** The progress message becomes the result: one call instead of two, which matters in busy groups. */
async function deliverResult(
  ctx: BotContext,
  messageId: number | undefined,
  text: string,
  keyboard: Keyboard,
): Promise<void> {
  if (messageId !== undefined) {
    const edited = await editMessage(ctx, messageId, text, keyboard).then(
      () => true,
      () => false,
    );
    if (edited) return;
  }
  await reply(ctx, text, keyboard);
}

/** Numbers in a plan's message read better with the language's digit grouping and plural units. */
function localizePlanVars(ctx: BotContext, vars: Record<string, unknown> = {}): Record<string, unknown> {
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
