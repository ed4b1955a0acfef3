import { randomBytes } from 'node:crypto';
import { Composer } from 'telegraf';
import type { Document } from 'telegraf/types';
import { cutText } from '../../core/cut-text.js';
import { MAX_ROW_ERRORS } from '../../core/dataset-parse.js';
import { columnNamesFor } from '../../files/column-names.js';
import { type DocumentContent, mayBeData } from '../../files/read-document.js';
import { downloadFile } from '../../telegram/download-file.js';
import { type BotContext, isGroupChat } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { button, onButton, rowsArrivedKeyboard } from '../kit/buttons.js';
import { BUTTON_CODES } from '../kit/callback-data.js';
import { fileLimits } from '../kit/file-limits.js';
import { renderNotText, renderPerceptronFileError, renderTooBig } from '../kit/render/document-replies.js';
import { renderColumns } from '../kit/render/file-texts.js';
import { renderRowErrors } from '../kit/render/row-errors.js';
import { reply } from '../kit/reply.js';
import { readPerceptron, updatePerceptron } from '../kit/state/perceptron-state.js';
import { refuseWhileTraining } from '../kit/training-guard.js';
import { restorePerceptron } from './files-restore.js';

type Rows = Extract<DocumentContent, { kind: 'rows' }>;

/**
 * A document adds its rows (CSV, TSV, text) or restores a perceptron (JSON from /export): in private
 * chats always, in groups with the caption /add or as a reply to the bot.
 */
export function filesImportFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('document', async (ctx, next) => {
    if (isGroupChat(ctx) && !isAddressed(ctx)) return next();
    await importDocument(deps, ctx, ctx.message.document);
  });
  onButton(composer, BUTTON_CODES.confirmRestore, async (ctx, press) => {
    const { pending } = await readPerceptron(deps, ctx);
    if (pending?.action !== 'restore' || pending.nonce !== press.argument || !pending.fileId) {
      return ctx.t('press.stale');
    }
    if (await refuseWhileTraining(deps, ctx)) return undefined;
    const name = pending.fileName ?? '';
    const content = await fetchContent(deps, ctx, { id: pending.fileId, name });
    if (content?.kind === 'perceptron') await restorePerceptron(deps, ctx, content.content, name);
    else if (content) await reply(ctx, renderFailure(ctx, content, name));
    return undefined;
  });
  return composer;
}

function isAddressed(ctx: BotContext): boolean {
  const message = ctx.message;
  if (!message || !('document' in message)) return false;
  if (message.reply_to_message?.from?.id === ctx.botInfo.id) return true;
  const command = /^\/add(?:@(\w+))?(?:\s|$)/i.exec(message.caption ?? '');
  return command !== null && (command[1] === undefined || command[1].toLowerCase() === ctx.me.toLowerCase());
}

async function importDocument(deps: BotDependencies, ctx: BotContext, document: Document): Promise<void> {
  if (await refuseWhileTraining(deps, ctx)) return;
  const name = cutText(document.file_name ?? 'file', 40);
  const refusal = refuseByLabel(deps, ctx, document, name);
  if (refusal) return void (await reply(ctx, refusal));
  const content = await fetchContent(deps, ctx, { id: document.file_id, name, fileName: document.file_name });
  if (!content) return;
  if (content.kind === 'rows') return addRows(deps, ctx, content, name);
  if (content.kind !== 'perceptron') return void (await reply(ctx, renderFailure(ctx, content, name)));
  const current = await readPerceptron(deps, ctx);
  if (current.rows.length === 0 && !current.model) return restorePerceptron(deps, ctx, content.content, name);
  const nonce = randomBytes(4).toString('hex');
  await updatePerceptron(deps, ctx, (stored) => ({
    ...stored,
    pending: { nonce, action: 'restore', fileId: document.file_id, fileName: name },
  }));
  await reply(ctx, ctx.t('files.confirmRestore', { name }), [
    [
      button(ctx, ctx.t('buttons.yesReplace'), BUTTON_CODES.confirmRestore, nonce),
      button(ctx, ctx.t('buttons.cancel'), BUTTON_CODES.cancel),
    ],
  ]);
}

/** What is wrong with a document by what Telegram says of it, before anything is downloaded. */
function refuseByLabel(
  deps: BotDependencies,
  ctx: BotContext,
  document: Document,
  name: string,
): string | undefined {
  const { maxFileBytes } = deps.config.limits;
  const size = document.file_size ?? 0;
  if (size > maxFileBytes) return renderTooBig(ctx.t, ctx.language, { name, size, limit: maxFileBytes });
  if (document.mime_type?.startsWith('image/')) return renderNotText(ctx.t, 'binary', name);
  if (!mayBeData(document.file_name, document.mime_type)) return renderNotText(ctx.t, 'unsupported', name);
  return undefined;
}

/**
 * Downloads and reads the file (`name` is the one shown, `fileName` the one it was sent with); undefined
 * once the member was told why it could not be fetched.
 */
async function fetchContent(
  deps: BotDependencies,
  ctx: BotContext,
  file: { id: string; name: string; fileName?: string | undefined },
): Promise<DocumentContent | undefined> {
  const { maxFileBytes } = deps.config.limits;
  const { name } = file;
  const download = await downloadFile(ctx.telegram, file.id, maxFileBytes);
  if (!download.ok) {
    const text =
      download.reason === 'too-big'
        ? renderTooBig(ctx.t, ctx.language, { name, size: download.size, limit: maxFileBytes })
        : ctx.t('files.downloadFailed', { name });
    return void (await reply(ctx, text));
  }
  const current = await readPerceptron(deps, ctx);
  const width = current.rows[0]?.inputs.length;
  const target = { existingRows: current.rows.length, ...(width ? { expectedInputs: width } : {}) };
  const task = { bytes: download.bytes, target, limits: fileLimits(deps) };
  return deps.readDocument(file.fileName === undefined ? task : { ...task, fileName: file.fileName });
}

async function addRows(deps: BotDependencies, ctx: BotContext, content: Rows, name: string): Promise<void> {
  if (content.rows.length === 0) return void (await reply(ctx, ctx.t('files.noRows', { name })));
  const width = content.rows[0]?.inputs.length ?? 0;
  const { doc } = await updatePerceptron(deps, ctx, (stored) => {
    const keepNames = stored.rows.length > 0 && columnNamesFor(stored.columns, width);
    return {
      ...stored,
      rows: [...stored.rows, ...content.rows],
      columns: keepNames || !content.columns ? stored.columns : content.columns,
    };
  });
  const names = columnNamesFor(doc.columns, width);
  const text = [
    ctx.t('files.added', { name, count: content.rows.length, total: doc.rows.length }),
    ...(names ? [renderColumns(ctx.t, names)] : []),
    ...(content.encoding === 'windows-1251' ? [ctx.t('files.windows1251')] : []),
  ].join('\n');
  await reply(ctx, text, rowsArrivedKeyboard(ctx));
}

function renderFailure(ctx: BotContext, content: DocumentContent, name: string): string {
  switch (content.kind) {
    case 'row-errors': {
      const head = ctx.t('files.rejected', { name, count: content.errors.length });
      return renderRowErrors(ctx.t, content.errors, content.errors.length >= MAX_ROW_ERRORS, head);
    }
    case 'perceptron-error':
      return renderPerceptronFileError(ctx.t, content.error, name);
    case 'not-text':
      return renderNotText(ctx.t, content.reason, name);
    default:
      return ctx.t('errors.internal');
  }
}
