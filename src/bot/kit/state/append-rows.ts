import { MAX_ROW_ERRORS, type ParseRowsResult, parseRows } from '../../../core/dataset-parse.js';
import type { BotContext } from '../bot-context.js';
import type { BotDependencies } from '../bot-dependencies.js';
import { renderRowErrors } from '../render/row-errors.js';
import { appendPerceptronRows } from './perceptron-state.js';

/** What typed rows did: stored (how many, and how many rows the perceptron has now), or refused with the sentence why. */
export type AppendedRows = { ok: true; added: number; total: number } | { ok: false; refusal: string };

/**
 * Rows typed as in the chat (`0 0 1 -> 0`, one a line) added to the member's perceptron, with the chat's
 * limits: the chat's /add and the Mini App's row form both come here, so both refuse the same things.
 */
export async function appendTypedRows(
  deps: BotDependencies,
  ctx: BotContext,
  text: string,
): Promise<AppendedRows> {
  const { maxMessageLength, maxRows, maxInputs } = deps.config.limits;
  if (text.length > maxMessageLength)
    return { ok: false, refusal: ctx.t('rows.tooLong', { length: text.length, limit: maxMessageLength }) };
  const limits = { maxRows, maxInputs };
  // Parsed against the count and first row the append shows: /add reads no copy of the rows.
  const seen: { parsed?: ParseRowsResult } = {};
  const { view } = await appendPerceptronRows(deps, ctx, (stored) => {
    const parsed = parseRows(text, {
      limits,
      existingRows: stored.count,
      ...(stored.first ? { expectedInputs: stored.first.inputs.length } : {}),
    });
    seen.parsed = parsed;
    return { head: stored.head, rows: parsed.ok ? parsed.rows : [] };
  });
  // Unset for an update delivered again: its rows were taken the first time, and are counted here.
  const parsed = seen.parsed ?? parseRows(text, { limits });
  if (!parsed.ok) {
    const capped = parsed.errors.length >= MAX_ROW_ERRORS;
    return { ok: false, refusal: renderRowErrors(ctx.t, parsed.errors, capped) };
  }
  if (parsed.rows.length === 0) return { ok: false, refusal: ctx.t('rows.nothing') };
  return { ok: true, added: parsed.rows.length, total: view.count };
}
