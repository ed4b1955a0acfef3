import { Composer } from 'telegraf';
import { columnNamesFor } from '../../files/column-names.js';
import { writePerceptronFile } from '../../files/perceptron-file.js';
import { writeCsv } from '../../files/table-write.js';
import type { BotContext } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { exportFileName } from '../kit/render/file-texts.js';
import { reply, replyWithFile } from '../kit/reply.js';
import { readPerceptron } from '../kit/state/perceptron-state.js';

/** /export: the rows as `<name>.csv` and the whole perceptron as `<name>.json`. */
export function filesExportFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('export', async (ctx) => {
    const { rows, settings, model, columns } = await readPerceptron(deps, ctx);
    if (rows.length === 0 && !model) return void (await reply(ctx, ctx.t('files.exportNothing')));
    const names = columnNamesFor(columns, rows[0]?.inputs.length ?? model?.inputs ?? 0);
    if (rows.length > 0) {
      const csv = Buffer.from(writeCsv(rows, names));
      await replyWithFile(ctx, { bytes: csv, fileName: exportFileName(ctx, 'csv') });
    }
    const json = writePerceptronFile({
      rows,
      settings,
      ...(model ? { model } : {}),
      ...(names ? { columns: names } : {}),
    });
    await replyWithFile(ctx, {
      bytes: Buffer.from(json),
      fileName: exportFileName(ctx, 'json'),
      caption: ctx.t('files.exported'),
    });
  });
  return composer;
}
