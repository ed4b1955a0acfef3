import { randomBytes } from 'node:crypto';
import { Composer } from 'telegraf';
import { formatCount, numberFormatFor } from '../../core/number-format.js';
import type { TrainProgress } from '../../core/train-types.js';
import type { TrainingMethod } from '../../core/types.js';
import { type ComparisonOutcome, runComparison } from '../../training/run-comparison.js';
import type { BotContext } from '../kit/bot-context.js';
import { isGroupChat } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { button, onButton } from '../kit/buttons.js';
import { BUTTON_CODES } from '../kit/callback-data.js';
import { editMessage, editProgressMessage } from '../kit/edit-message.js';
import { formatUnits } from '../kit/render/numbers.js';
import { type Keyboard, reply } from '../kit/reply.js';
import { keyOf, readPerceptron } from '../kit/state/perceptron-state.js';
import { comparisonNote } from './compare-cut-off.js';
import { type ComparisonPlan, planComparison } from './compare-plan.js';
import { renderComparison } from './render-comparison.js';

type Plan = Extract<ComparisonPlan, { ok: true }>;
/** The comparison under way for each member: its id (on the Stop button) and its stop switch. */
type Running = Map<string, { id: string; controller: AbortController }>;

/**
 * /compare [epochs]: trains a copy with each method from the seed's starting weights and answers with a
 * table. One message in all: the "comparing" message becomes the table (edited in private chats as it goes).
 */
export function compareFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const running: Running = new Map();
  composer.command('compare', (ctx) => startComparison(deps, ctx, ctx.payload, running));
  onButton(composer, BUTTON_CODES.stopComparison, async (ctx, press) => {
    const key = keyOf(ctx);
    const comparison = running.get(key);
    if (comparison?.id !== press.argument) return ctx.t('press.stale');
    comparison.controller.abort();
    deps.trainer.stop(key);
    return ctx.t('train.stopping');
  });
  return composer;
}

async function startComparison(deps: BotDependencies, ctx: BotContext, argument: string, running: Running) {
  const key = keyOf(ctx);
  if (deps.trainer.running(key)) {
    return void (await reply(ctx, ctx.t(running.has(key) ? 'methods.compare.busy' : 'train.alreadyRunning')));
  }
  const doc = await readPerceptron(deps, ctx);
  const plan = planComparison(doc, argument, deps.config.limits);
  if (!plan.ok) return void (await reply(ctx, explainRefusal(ctx, plan)));
  const id = randomBytes(4).toString('hex');
  const controller = new AbortController();
  running.set(key, { id, controller });
  const stopKeyboard: Keyboard = [
    [button(ctx, ctx.t('methods.buttons.stop'), BUTTON_CODES.stopComparison, id)],
  ];
  const intro = describePlan(ctx, plan, doc.settings.seed, 'methods.compare.running');
  let messageId: Promise<number | undefined> = Promise.resolve(undefined);
  const onProgress = progressEditor(deps, ctx, () => messageId, intro, stopKeyboard);
  const done = runComparison(deps.trainer, key, plan, onProgress, controller.signal);
  messageId = reply(ctx, intro, stopKeyboard).then(
    (message) => message.message_id,
    () => undefined,
  );
  // With trainings in other processes: should this instance be gone before the table, another one says so.
  const described = messageId.then(async (sent) => {
    if (sent === undefined || !deps.trainer.describeComparison) return;
    await deps.trainer
      .describeComparison(handoverId(id), comparisonNote(ctx, sent, plan.epochs))
      .catch((error: unknown) => deps.logger.warn({ err: error, key }, 'could not note a comparison'));
  });
  deps.background.track(
    finishComparison(deps, ctx, {
      id: handoverId(id),
      described,
      done,
      messageId,
      plan,
      seed: doc.settings.seed,
      target: doc.settings.target,
    }).finally(() => running.delete(key)),
  );
}

/** In private chats the message shows which method runs and how far; groups get no edits (one message). */
function progressEditor(
  deps: BotDependencies,
  ctx: BotContext,
  messageId: () => Promise<number | undefined>,
  intro: string,
  keyboard: Keyboard,
) {
  const interval = deps.progressIntervalMs?.private ?? 2_000;
  let lastEdit = Date.now();
  return (method: TrainingMethod, progress: TrainProgress) => {
    if (isGroupChat(ctx) || Date.now() - lastEdit < interval || progress.epoch >= progress.epochs) return;
    lastEdit = Date.now();
    const count = (n: number) => formatCount(n, ctx.language);
    const line = ctx.t('methods.compare.progress', {
      method,
      epoch: count(progress.epoch),
      epochs: count(progress.epochs),
    });
    void messageId().then((id) => {
      if (id !== undefined) void editProgressMessage(ctx, id, `${intro}\n${line}`, keyboard);
    });
  };
}

/** The comparison's id among the trainings' in Redis (theirs start with another letter). */
const handoverId = (id: string) => `c${id}`;

interface Finishing {
  id: string;
  /** Settles once the comparison is noted for another instance (or will not be). */
  described: Promise<void>;
  done: Promise<ComparisonOutcome>;
  messageId: Promise<number | undefined>;
  plan: Plan;
  seed: number;
  target: number | undefined;
}

/**
 * The "comparing" message becomes the table, and no picture follows: a picture draws one perceptron,
 * and the trained copies are not kept. Each copy's loss curve is in its result's
 * outcome.model.lossHistory, should the comparison ever draw them.
 */
async function finishComparison(deps: BotDependencies, ctx: BotContext, finishing: Finishing): Promise<void> {
  let text: string;
  try {
    const outcome = await finishing.done;
    const { plan } = finishing;
    text = renderComparison(ctx.t, {
      outcome,
      ...(finishing.target !== undefined && plan.milestones.length > 1 ? { target: finishing.target } : {}),
      withoutRprop: plan.withoutRprop,
      title: describePlan(ctx, plan, finishing.seed, 'methods.compare.title'),
      numbers: numberFormatFor(ctx.language),
    });
  } catch (error) {
    deps.logger.error({ err: error }, 'a comparison could not be finished');
    text = ctx.t('train.failed');
  }
  if (!(await claimTable(deps, finishing))) return;
  const id = await finishing.messageId;
  const background = { background: true };
  const edited =
    id !== undefined &&
    (await editMessage(ctx, id, text, undefined, background).then(
      () => true,
      () => false,
    ));
  if (!edited) await reply(ctx, text, undefined, background);
  await deps.trainer.comparisonSent?.(finishing.id).catch((error: unknown) => {
    deps.logger.warn({ err: error }, 'could not record a comparison as sent');
  });
}

/**
 * With trainings in other processes, the table is recorded as sent before it is sent: when another
 * instance already reported the comparison cut off (this one was thought gone), this one says nothing.
 */
async function claimTable(deps: BotDependencies, finishing: Finishing): Promise<boolean> {
  const claim = deps.trainer.claimComparison;
  if (!claim) return true;
  await finishing.described;
  try {
    return await claim(finishing.id);
  } catch (error) {
    deps.logger.error({ err: error }, 'could not record a comparison as sent; it is sent');
    return true;
  }
}

function describePlan(
  ctx: BotContext,
  plan: Plan,
  seed: number,
  key: 'methods.compare.running' | 'methods.compare.title',
) {
  const vars = {
    rows: formatUnits(ctx.t, ctx.language, 'rows', plan.rows.length),
    epochs: formatUnits(ctx.t, ctx.language, 'epochs', plan.epochs),
    seed,
  };
  return key === 'methods.compare.running'
    ? ctx.t('methods.compare.running', vars)
    : ctx.t('methods.compare.title', vars);
}

function explainRefusal(ctx: BotContext, plan: Exclude<ComparisonPlan, { ok: true }>): string {
  const count = (n: number) => formatCount(n, ctx.language);
  switch (plan.problem) {
    case 'noData':
      return ctx.t('train.noData');
    case 'badEpochs': {
      const { asked } = plan;
      const max = count(plan.max);
      if (asked.problem === 'notWhole')
        return ctx.t('methods.compare.badEpochs', { token: asked.token, max });
      const epochs = formatUnits(ctx.t, ctx.language, 'epochs', asked.epochs);
      const key =
        asked.problem === 'tooMany' ? 'methods.compare.tooManyEpochs' : 'methods.compare.tooFewEpochs';
      return ctx.t(key, { epochs, max });
    }
    case 'tooCostly':
      return ctx.t('methods.compare.tooCostly', {
        work: count(plan.work),
        epochs: formatUnits(ctx.t, ctx.language, 'epochs', plan.epochs),
        population: plan.population,
        fit: formatUnits(ctx.t, ctx.language, 'epochs', plan.fit),
        fitNumber: plan.fit,
        max: count(plan.max),
      });
  }
}
