import { randomBytes } from 'node:crypto';
import { Composer } from 'telegraf';
import { cutText } from '../../core/cut-text.js';
import { numberFormatFor } from '../../core/number-format.js';
import { readWholeNumber } from '../../core/read-number.js';
import { columnNamesFor } from '../../files/column-names.js';
import { writeCsv } from '../../files/table-write.js';
import type { BotContext } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { button, onButton, onButtonRun } from '../kit/buttons.js';
import { BUTTON_CODES } from '../kit/callback-data.js';
import { packIntoMessages, renderRowLines } from '../kit/render/data-table.js';
import { exportFileName, renderColumns } from '../kit/render/file-texts.js';
import { formatUnits } from '../kit/render/numbers.js';
import { CAPTION_LIMIT, reply, replyInParts, replyWithFile } from '../kit/reply.js';
import { keepRowsTrained, readPerceptron, updatePerceptron } from '../kit/state/perceptron-state.js';
import { refuseWhileTraining } from '../kit/training-guard.js';

/** /data, /del and /clear (with a confirmation button). */
export function dataFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('data', (ctx) => showData(deps, ctx));
  onButtonRun(composer, BUTTON_CODES.showData, (ctx) => showData(deps, ctx));
  composer.command('del', (ctx) => deleteRows(deps, ctx, ctx.payload));
  composer.command('clear', (ctx) => askToClear(deps, ctx));
  onButton(composer, BUTTON_CODES.confirmClear, async (ctx, press) => {
    if (await refuseWhileTraining(deps, ctx)) return undefined;
    let stale = false;
    await updatePerceptron(deps, ctx, (stored) => {
      const pending = stored.pending;
      stale =
        pending?.action !== 'clear' ||
        pending.nonce !== press.argument ||
        pending.rows !== stored.rows.length;
      if (stale) return stored;
      // The weights stay, and so does the count of rows they were trained on.
      return { ...keepRowsTrained(stored), rows: [], columns: undefined, pending: undefined };
    });
    if (stale) return ctx.t('press.stale');
    await reply(ctx, ctx.t('data.cleared'));
    return undefined;
  });
  onButton(composer, BUTTON_CODES.cancel, async (ctx) => {
    await updatePerceptron(deps, ctx, (stored) => ({ ...stored, pending: undefined }));
    await reply(ctx, ctx.t('data.cancelled'));
    return undefined;
  });
  return composer;
}

/** The table in messages; above maxDataMessages of them, one CSV document with the title as caption. */
async function showData(deps: BotDependencies, ctx: BotContext): Promise<void> {
  const { rows, columns } = await readPerceptron(deps, ctx);
  if (rows.length === 0) return void (await reply(ctx, ctx.t('data.empty')));
  const inputs = rows[0]?.inputs.length ?? 0;
  const names = columnNamesFor(columns, inputs);
  const count = ctx.t('data.title', {
    count: rows.length,
    inputs: formatUnits(ctx.t, ctx.language, 'inputs', inputs),
  });
  const heading = names ? `${count}\n${renderColumns(ctx.t, names)}` : count;
  const title = ctx.exerciseTitle
    ? `${ctx.t('exercise.currentTask', { title: ctx.exerciseTitle })}\n${heading}`
    : heading;
  const keyboard = [[button(ctx, ctx.t('buttons.train'), BUTTON_CODES.train)]];
  const parts = packIntoMessages(title, renderRowLines(numberFormatFor(ctx.language), rows));
  if (parts.length <= deps.config.limits.maxDataMessages) return replyInParts(ctx, parts, keyboard);
  const caption = [title, ctx.t('files.dataAsFile')].join('\n');
  const bytes = Buffer.from(writeCsv(rows, names));
  await replyWithFile(
    ctx,
    {
      bytes,
      fileName: exportFileName(ctx, 'csv'),
      caption: caption.length <= CAPTION_LIMIT ? caption : `${count}\n${ctx.t('files.dataAsFile')}`,
    },
    keyboard,
  );
}

async function deleteRows(deps: BotDependencies, ctx: BotContext, payload: string): Promise<void> {
  if (await refuseWhileTraining(deps, ctx)) return;
  const tokens = payload.split(/[\s,;]+/).filter(Boolean);
  if (tokens.length === 0) return void (await reply(ctx, ctx.t('data.delHelp')));
  const { rows } = await readPerceptron(deps, ctx);
  const indices = tokens.map((token) => readRowIndex(token, rows.length));
  const bad = tokens.find((_, i) => indices[i] === undefined);
  if (bad !== undefined)
    return void (await reply(ctx, ctx.t('data.delBad', { token: cutText(bad, 20), total: rows.length })));
  const doomed = new Set(indices.filter((index) => index !== undefined));
  const { doc } = await updatePerceptron(deps, ctx, (stored) => {
    const kept = stored.rows.filter((_, i) => !doomed.has(i));
    return { ...keepRowsTrained(stored), rows: kept, ...(kept.length === 0 ? { columns: undefined } : {}) };
  });
  await reply(ctx, ctx.t('data.deleted', { count: doomed.size, total: doc.rows.length }));
}

/** The 0-based index of row number `token` (1 to total), or undefined. */
function readRowIndex(token: string, total: number): number | undefined {
  const n = readWholeNumber(token);
  return n !== undefined && n >= 1 && n <= total ? n - 1 : undefined;
}

async function askToClear(deps: BotDependencies, ctx: BotContext): Promise<void> {
  if (await refuseWhileTraining(deps, ctx)) return;
  const { rows } = await readPerceptron(deps, ctx);
  if (rows.length === 0) return void (await reply(ctx, ctx.t('data.empty')));
  const nonce = randomBytes(4).toString('hex');
  await updatePerceptron(deps, ctx, (stored) => ({
    ...stored,
    pending: { nonce, action: 'clear', rows: stored.rows.length },
  }));
  await reply(ctx, ctx.t('data.confirmClear', { count: rows.length }), [
    [
      button(ctx, ctx.t('buttons.yesClear'), BUTTON_CODES.confirmClear, nonce),
      button(ctx, ctx.t('buttons.cancel'), BUTTON_CODES.cancel),
    ],
  ]);
}
