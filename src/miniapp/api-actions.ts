import type { BotContext } from '../bot/kit/bot-context.js';
import type { BotDependencies } from '../bot/kit/bot-dependencies.js';
import { appendTypedRows } from '../bot/kit/state/append-rows.js';
import type { PerceptronDoc } from '../bot/kit/state/documents.js';
import {
  keepRowsTrained,
  keyOf,
  readPerceptron,
  updatePerceptron,
} from '../bot/kit/state/perceptron-state.js';
import { startingModel } from '../bot/kit/state/starting-model.js';
import { renderSettingRefusal } from '../bot/settings/render-settings.js';
import { changeSetting, findSetting } from '../bot/settings/settings-rules.js';
import { localizePlanVars, startTraining } from '../bot/training/train.js';
import { planTraining } from '../bot/training/train-plan.js';
import { MINIAPP_MAX_WEIGHT } from '../config/config.js';
import type {
  AddRowsRequest,
  ChangeSettingsRequest,
  DeleteRowRequest,
  KeepWeightsRequest,
  TrainingProgress,
  TrainRequest,
} from '../miniapp-api/api-schema.js';
import type { ApiOptions } from './api-routes.js';
import { buildAppState, plainText } from './app-state.js';
import type { AppMember } from './member-context.js';

/** An endpoint's answer: its status and JSON body. */
export interface Answer {
  status: number;
  body: object;
}

/** What an endpoint does once the member is known and the body fits its schema. */
export type Action<T> = (api: ApiOptions, ctx: BotContext, member: AppMember, body: T) => Promise<Answer>;

const refusal = (status: number, error: string): Answer => ({ status, body: { error } });

/** The page's whole state, as the chat's commands would show it now. */
async function stateAnswer(api: ApiOptions, ctx: BotContext, member: AppMember, doc?: PerceptronDoc) {
  const current = doc ?? (await readPerceptron(api.deps, ctx));
  const body = await buildAppState(api.deps, ctx, member, current, api.watch.progress(keyOf(ctx)));
  return { status: 200, body };
}

/** Changes wait for the member's training to end, as in the chat (its result is about the rows it had). */
function busy(deps: BotDependencies, ctx: BotContext): Answer | undefined {
  return deps.trainer.running(keyOf(ctx)) ? refusal(409, ctx.t('app.api.busy')) : undefined;
}

export async function showState(api: ApiOptions, ctx: BotContext, member: AppMember): Promise<Answer> {
  return stateAnswer(api, ctx, member);
}

/** Rows as typed in the chat, or one row as numbers: the chat's parser and limits, all or nothing. */
export const addRows: Action<AddRowsRequest> = async (api, ctx, member, body) => {
  const text = 'text' in body ? body.text : `${body.inputs.map(String).join(' ')} -> ${body.output}`;
  const appended = await appendTypedRows(api.deps, ctx, text);
  if (!appended.ok) return refusal(400, plainText(appended.refusal));
  return stateAnswer(api, ctx, member);
};

/** One row, by its number in /data: what `/del <n>` does. */
export const deleteRow: Action<DeleteRowRequest> = async (api, ctx, member, body) => {
  const refused = busy(api.deps, ctx);
  if (refused) return refused;
  const { rows } = await readPerceptron(api.deps, ctx);
  if (body.index > rows.length)
    return refusal(400, ctx.t('app.api.noRow', { index: body.index, total: rows.length }));
  const { doc } = await updatePerceptron(api.deps, ctx, (stored) => {
    const kept = stored.rows.filter((_, i) => i !== body.index - 1);
    return { ...keepRowsTrained(stored), rows: kept, ...(kept.length === 0 ? { columns: undefined } : {}) };
  });
  return stateAnswer(api, ctx, member, doc);
};

/** "Keep these weights": the weights the member found by hand become the start of the next training. */
export const keepWeights: Action<KeepWeightsRequest> = async (api, ctx, member, body) => {
  const refused = busy(api.deps, ctx);
  if (refused) return refused;
  const current = await readPerceptron(api.deps, ctx);
  const width = current.rows[0]?.inputs.length ?? current.model?.inputs;
  if (width === undefined) return refusal(400, ctx.t('app.api.noWeights'));
  const fits = (n: number) => Number.isFinite(n) && Math.abs(n) <= MINIAPP_MAX_WEIGHT;
  if (body.weights.length !== width || !body.weights.every(fits))
    return refusal(400, ctx.t('app.api.badWeights', { count: width }));
  const bias = body.bias;
  if (current.settings.bias ? bias === undefined || !fits(bias) : bias !== undefined)
    return refusal(400, ctx.t('app.api.badBias'));
  const { doc } = await updatePerceptron(api.deps, ctx, (stored) => {
    // A method's memory (RProp's steps, a population) belongs to the weights it led to: it goes.
    const { methodState: _dropped, ...model } = startingModel(stored, width);
    return {
      ...stored,
      model: { ...model, weights: [...body.weights], ...(bias === undefined ? {} : { bias }) },
    };
  });
  return stateAnswer(api, ctx, member, doc);
};

/** The settings the page changes, by the rules of /set; all of them or none. */
export const changeSettings: Action<ChangeSettingsRequest> = async (api, ctx, member, body) => {
  const asked = (
    [
      ['epochs', body.epochs],
      ['lr', body.learningRate],
      ['method', body.method],
    ] as const
  ).filter(([, value]) => value !== undefined);
  if (asked.length === 0) return stateAnswer(api, ctx, member);
  const refused = busy(api.deps, ctx);
  if (refused) return refused;
  const { limits } = api.deps.config;
  const current = await readPerceptron(api.deps, ctx);
  const changes: Array<(doc: PerceptronDoc) => PerceptronDoc> = [];
  let working = current;
  for (const [name, value] of asked) {
    const setting = findSetting(name);
    if (!setting) throw new Error(`no setting named ${name}`);
    const change = changeSetting(working, setting, String(value), limits);
    if (!change.ok)
      return refusal(400, plainText(renderSettingRefusal(ctx, limits, current, setting, change.problem)));
    changes.push(change.apply);
    working = change.apply(working);
  }
  const { doc } = await updatePerceptron(api.deps, ctx, (stored) =>
    changes.reduce((changed, apply) => apply(changed), stored),
  );
  return stateAnswer(api, ctx, member, doc);
};

const idle = (): TrainingProgress => ({ running: false, epoch: 0, epochs: 0, losses: [] });

/** /train from the page: the chat's own training, whose progress and result the member's chat gets too. */
export const startAppTraining: Action<TrainRequest> = async (api, ctx, _member, body) => {
  const key = keyOf(ctx);
  if (api.deps.trainer.running(key)) return refusal(409, ctx.t('app.api.trainingRuns'));
  const argument = body.epochs === undefined ? '' : String(body.epochs);
  const plan = planTraining(await readPerceptron(api.deps, ctx), argument, api.deps.config.limits);
  if (!plan.ok) return refusal(400, plainText(ctx.t(plan.key, localizePlanVars(ctx, plan.vars))));
  await startTraining(api.deps, ctx, argument);
  return { status: 200, body: api.watch.progress(key) ?? idle() };
};

/** What the page polls while a training runs (and after: its result). */
export async function trainingProgress(api: ApiOptions, ctx: BotContext): Promise<Answer> {
  return { status: 200, body: api.watch.progress(keyOf(ctx)) ?? idle() };
}

/** [Stop]: the training ends where it is and keeps the weights reached; answered once they are stored. */
export async function stopAppTraining(api: ApiOptions, ctx: BotContext): Promise<Answer> {
  const key = keyOf(ctx);
  const running = api.deps.trainer.running(key);
  if (!running || !api.deps.trainer.stop(key, running.id))
    return refusal(409, ctx.t('app.api.nothingToStop'));
  await api.watch.settled(key);
  return { status: 200, body: api.watch.progress(key) ?? idle() };
}
