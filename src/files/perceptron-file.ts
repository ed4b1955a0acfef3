import type { z } from 'zod';
import type { ModelState } from '../core/types.js';
import type { perceptronContentSchema } from './perceptron-file-schema.js';

/** What names a perceptron file, so that a JSON file of another program is told apart. */
export const PERCEPTRON_FILE_FORMAT = 'perceptron-bot';
/** The one version this bot writes and reads; a file of another version is refused. */
export const PERCEPTRON_FILE_VERSION = 1;

/** A whole perceptron as the bot keeps it: what a file restores. */
export type PerceptronContent = z.infer<typeof perceptronContentSchema>;

/** The trained part of a model as a file holds it; its settings are the file's own. */
export type FileModel = Omit<ModelState, 'version' | 'settings'>;

/**
 * The perceptron as a JSON file: format and version first, one top-level field per line, one row per
 * line. Numbers are written as JSON does (shortest exact form), so weights read back to the same bits.
 */
export function writePerceptronFile(content: PerceptronContent): string {
  const fields: Array<[string, unknown]> = [
    ['format', PERCEPTRON_FILE_FORMAT],
    ['version', PERCEPTRON_FILE_VERSION],
    ['settings', content.settings],
  ];
  if (content.columns) fields.push(['columns', content.columns]);
  if (content.model) fields.push(['model', toFileModel(content.model)]);
  const head = fields.map(([name, value]) => `  ${JSON.stringify(name)}: ${JSON.stringify(value)}`);
  const rows = content.rows.map((row) => `    ${JSON.stringify({ inputs: row.inputs, output: row.output })}`);
  const rowsField = rows.length === 0 ? '  "rows": []' : `  "rows": [\n${rows.join(',\n')}\n  ]`;
  return `{\n${[...head, rowsField].join(',\n')}\n}\n`;
}

function toFileModel(model: ModelState): FileModel {
  const { version: _version, settings: _settings, ...trained } = model;
  return trained;
}
