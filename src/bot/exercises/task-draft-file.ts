import type { Document } from 'telegraf/types';
import { cutText } from '../../core/cut-text.js';
import { MAX_ROW_ERRORS } from '../../core/dataset-parse.js';
import { mayBeData } from '../../files/read-document.js';
import { downloadFile } from '../../telegram/download-file.js';
import type { BotContext } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { fileLimits } from '../kit/file-limits.js';
import { renderNotText, renderTooBig } from '../kit/render/document-replies.js';
import { formatUnits } from '../kit/render/numbers.js';
import { renderRowErrors, TASK_ROW_WORDING } from '../kit/render/row-errors.js';
import type { TaskDraft } from './exercise-documents.js';

/**
 * Hidden rows from a .csv, .tsv or .txt document, the way /add reads one; the draft and what to answer.
 * The rows are never echoed: the answer counts them.
 */
export async function addDraftRowsFromFile(
  deps: BotDependencies,
  ctx: BotContext,
  draft: TaskDraft,
  document: Document,
): Promise<{ draft: TaskDraft; answer: string }> {
  const name = cutText(document.file_name ?? 'file', 40);
  const { maxFileBytes } = deps.config.limits;
  const refuse = (answer: string) => ({ draft, answer });
  if ((document.file_size ?? 0) > maxFileBytes)
    return refuse(
      renderTooBig(ctx.t, ctx.language, { name, size: document.file_size ?? 0, limit: maxFileBytes }),
    );
  if (!mayBeData(document.file_name, document.mime_type))
    return refuse(renderNotText(ctx.t, 'unsupported', name));
  const download = await downloadFile(ctx.telegram, document.file_id, maxFileBytes);
  if (!download.ok)
    return refuse(
      download.reason === 'too-big'
        ? renderTooBig(ctx.t, ctx.language, { name, size: download.size, limit: maxFileBytes })
        : ctx.t('files.downloadFailed', { name }),
    );
  const width = draft.rows[0]?.inputs.length;
  const target = { existingRows: draft.rows.length, ...(width ? { expectedInputs: width } : {}) };
  const content = await deps.readDocument({ bytes: download.bytes, target, limits: fileLimits(deps) });
  if (content.kind === 'row-errors') {
    const head = ctx.t('files.rejected', { name, count: content.errors.length });
    const capped = content.errors.length >= MAX_ROW_ERRORS;
    return refuse(renderRowErrors(ctx.t, content.errors, capped, head, TASK_ROW_WORDING));
  }
  if (content.kind === 'not-text') return refuse(renderNotText(ctx.t, content.reason, name));
  if (content.kind !== 'rows' || content.rows.length === 0) return refuse(ctx.t('files.noRows', { name }));
  const rows = [...draft.rows, ...content.rows];
  const total = formatUnits(ctx.t, ctx.language, 'rows', rows.length);
  return { draft: { ...draft, rows }, answer: ctx.t('exercise.create.rowsAdded', { total }) };
}
