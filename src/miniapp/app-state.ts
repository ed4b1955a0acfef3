import type { ExerciseRun } from '../bot/exercises/exercise-documents.js';
import { findGroup, readExerciseUser } from '../bot/exercises/exercise-state.js';
import { displayName } from '../bot/exercises/render-board.js';
import { withStandings } from '../bot/exercises/standings-cache.js';
import { TASK_TEXTS } from '../bot/exercises/task-texts.js';
import type { BotContext } from '../bot/kit/bot-context.js';
import type { BotDependencies } from '../bot/kit/bot-dependencies.js';
import type { PerceptronDoc } from '../bot/kit/state/documents.js';
import { startingModel } from '../bot/kit/state/starting-model.js';
import { createModel, methodOf } from '../core/model.js';
import { rankEntries } from '../exercises/standings.js';
import type { AppState, ExerciseView } from '../miniapp-api/api-schema.js';
import type { AppMember } from './member-context.js';

/** Inputs of the neuron the page draws before the member has any rows. */
const EMPTY_INPUTS = 2;

/**
 * What the page shows of the member's perceptron: the same document /data, /weights and /settings read
 * (in private, the exercise's while they work on one), their running or last training, and the class
 * exercise they take part in (its standings, never its hidden rows).
 */
export async function buildAppState(
  deps: BotDependencies,
  ctx: BotContext,
  member: AppMember,
  doc: PerceptronDoc,
  training: AppState['training'],
): Promise<AppState> {
  const { settings } = doc;
  const { limits } = deps.config;
  const width = doc.rows[0]?.inputs.length;
  const model = doc.model ?? (width ? startingModel(doc, width) : createModel(settings, EMPTY_INPUTS));
  return {
    language: ctx.language,
    scope: {
      kind: member.chat.kind,
      ...(member.chat.kind === 'group' && member.chat.title ? { title: member.chat.title } : {}),
    },
    user: { firstName: member.firstName },
    settings: {
      activation: settings.activation,
      bias: settings.bias,
      learningRate: settings.learningRate,
      epochs: settings.epochs,
      method: methodOf(settings),
      seed: settings.seed,
    },
    limits: { maxRows: limits.maxRows, maxInputs: limits.maxInputs, maxEpochs: limits.maxEpochs },
    model: {
      inputs: model.inputs,
      weights: [...model.weights],
      ...(model.bias === undefined ? {} : { bias: model.bias }),
      epochsTrained: model.epochsTrained,
    },
    rows: doc.rows.map((row) => ({ inputs: [...row.inputs], output: row.output })),
    training,
    exercise: await exerciseView(deps, ctx, member),
  };
}

/** The running exercise of the member's group (in private: the one they work on), or null. */
async function exerciseView(
  deps: BotDependencies,
  ctx: BotContext,
  member: AppMember,
): Promise<ExerciseView | null> {
  let run: ExerciseRun | undefined;
  if (member.chat.kind === 'group') {
    run = (await findGroup(deps.exercises, member.chat.id)).doc.current;
  } else if (ctx.perceptronKey) {
    const current = (await readExerciseUser(deps.exercises, member.userId)).current;
    const group = current && (await findGroup(deps.exercises, current.chatId)).doc.current;
    run = group?.runId === current?.runId ? group : undefined;
  }
  if (!run || run.endedAt !== undefined) return null;
  const ranked = rankEntries((await withStandings(deps, run)).entries);
  const mine = ranked.find((entry) => entry.userId === member.userId);
  const texts = run.task.kind === 'builtin' ? TASK_TEXTS[run.task.id as keyof typeof TASK_TEXTS] : undefined;
  return {
    title: plainText(texts ? ctx.t(texts.title) : (run.task.title ?? '')),
    statement: plainText(texts ? ctx.t(texts.statement) : (run.task.statement ?? '')),
    endsAt: run.deadline === undefined ? null : new Date(run.deadline).toISOString(),
    best: mine ? { accuracy: mine.best.accuracy, loss: mine.best.loss } : null,
    standings: ranked.map((entry, i) => ({
      place: i + 1,
      name: displayName(entry),
      accuracy: entry.best.accuracy,
      loss: entry.best.loss,
    })),
  };
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** A sentence written for the chat's HTML as plain text for the page (which never renders HTML). */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name] ?? '');
}
