import { pinRowsTrained } from '../../../core/model.js';
import type { RowsAppend, RowsView } from '../../../storage/index.js';
import { type BotContext, senderId } from '../bot-context.js';
import type { BotDependencies } from '../bot-dependencies.js';
import { readOrCreate, updateOrCreate } from './created-on-first-use.js';
import { createPerceptronDoc, type PerceptronDoc, perceptronKey } from './documents.js';
import { type AppendedOnce, appendOnce, type UpdatedOnce, updateOnce } from './update-once.js';

/** The store key of the sender's perceptron in this chat (in private, their exercise's when they work on one). */
export function keyOf(ctx: BotContext): string {
  return ctx.perceptronKey ?? perceptronKey(ctx.chat?.id ?? senderId(ctx), senderId(ctx));
}

/** The sender's perceptron in this chat (a new, empty one when none is stored). */
export async function readPerceptron(deps: BotDependencies, ctx: BotContext): Promise<PerceptronDoc> {
  return readOrCreate(deps.perceptrons, keyOf(ctx), createPerceptronDoc);
}

/**
 * The one way a handler changes a member's perceptron: an update delivered twice (after a crash, before
 * Telegram learned it was handled) is applied once.
 */
export function updatePerceptron(
  deps: BotDependencies,
  ctx: BotContext,
  change: (doc: PerceptronDoc) => PerceptronDoc,
): Promise<UpdatedOnce<PerceptronDoc>> {
  const update = { id: ctx.update.update_id, create: createPerceptronDoc };
  return updateOnce(deps.perceptrons, keyOf(ctx), update, change);
}

/** updatePerceptron for a change that only adds rows at the end, and so never reads the stored ones (/add). */
export function appendPerceptronRows(
  deps: BotDependencies,
  ctx: BotContext,
  change: (current: RowsView<PerceptronDoc>) => RowsAppend<PerceptronDoc>,
): Promise<AppendedOnce<PerceptronDoc>> {
  const update = { id: ctx.update.update_id, create: createPerceptronDoc };
  return appendOnce(deps.perceptrons, keyOf(ctx), update, change);
}

/** Applies a change that does not come from an update of the user's (a training that finished). */
export async function storeTrainingOutcome(
  deps: BotDependencies,
  key: string,
  change: (doc: PerceptronDoc) => PerceptronDoc,
): Promise<PerceptronDoc> {
  return updateOrCreate(deps.perceptrons, key, createPerceptronDoc, change);
}

/** The perceptron with its model's trained-on rows written down, before its rows change or it is copied. */
export function keepRowsTrained(doc: PerceptronDoc): PerceptronDoc {
  return doc.model ? { ...doc, model: pinRowsTrained(doc.model, doc.rows.length) } : doc;
}
