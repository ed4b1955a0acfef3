import { z } from 'zod';
import { MAX_SEED } from '../core/numpy-random.js';
import { LOSS_HISTORY_LIMIT, type ModelState } from '../core/types.js';
import { toColumnNames } from './column-names.js';
import {
  type FileModel,
  PERCEPTRON_FILE_FORMAT,
  PERCEPTRON_FILE_VERSION,
  type PerceptronContent,
} from './perceptron-file.js';

/** What a perceptron file may hold: the bot's own limits. */
export interface PerceptronFileLimits {
  maxRows: number;
  maxInputs: number;
  maxEpochs: number;
  maxLearningRate: number;
}

export type PerceptronFileErrorCode =
  | 'not-json'
  | 'not-perceptron'
  | 'wrong-version'
  | 'bad-value'
  | 'too-many-rows'
  | 'too-many-inputs';

/** Why a file was refused: one reason, with the field (`rows[3].output`) or the numbers it concerns. */
export interface PerceptronFileError {
  code: PerceptronFileErrorCode;
  field?: string;
  expected?: number;
  actual?: number | string;
}

export type PerceptronFileResult =
  | { ok: true; content: PerceptronContent }
  | { ok: false; error: PerceptronFileError };

const finite = z.number().refine(Number.isFinite);
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const fileSchema = z.object({
  format: z.literal(PERCEPTRON_FILE_FORMAT),
  version: z.literal(PERCEPTRON_FILE_VERSION),
  settings: z.object({
    activation: z.enum(['sigmoid', 'step']),
    bias: z.boolean(),
    learningRate: finite.positive(),
    epochs: z.number().int().positive(),
    seed: z.number().int().nonnegative().max(MAX_SEED),
  }),
  columns: z.object({ inputs: z.array(z.string()), output: z.string() }).optional(),
  model: z
    .object({
      inputs: z.number().int().positive(),
      weights: z.array(finite),
      bias: finite.optional(),
      initialWeights: z.array(finite),
      initialBias: finite.optional(),
      epochsTrained: count,
      lossHistory: z.array(z.object({ epoch: count, loss: finite })).max(LOSS_HISTORY_LIMIT),
    })
    .optional(),
  rows: z.array(z.object({ inputs: z.array(finite).min(1), output: finite.min(0).max(1) })),
});

/** Reads a perceptron file strictly: anything wrong gives one error and no content. Never throws. */
export function readPerceptronFile(text: string, limits: PerceptronFileLimits): PerceptronFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail({ code: 'not-json' });
  }
  const head = (json ?? {}) as { format?: unknown; version?: unknown };
  if (typeof json !== 'object' || head.format !== PERCEPTRON_FILE_FORMAT)
    return fail({ code: 'not-perceptron' });
  if (head.version !== PERCEPTRON_FILE_VERSION) {
    return fail({ code: 'wrong-version', actual: String(head.version), expected: PERCEPTRON_FILE_VERSION });
  }
  const size = checkSize(json as { rows?: unknown }, limits);
  if (size) return fail(size);
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success)
    return fail({ code: 'bad-value', field: fieldName(parsed.error.issues[0]?.path ?? []) });
  const file = parsed.data;
  const problem = checkConsistency(file, limits);
  if (problem) return fail(problem);
  const columns = file.columns && toColumnNames([...file.columns.inputs, file.columns.output]);
  const content: PerceptronContent = { rows: file.rows, settings: file.settings };
  if (file.model) content.model = toModel(file.model, file.settings);
  if (columns) content.columns = columns;
  return { ok: true, content };
}

/** Sizes first, so that a huge file is refused before a schema walks all of it. */
function checkSize(json: { rows?: unknown }, limits: PerceptronFileLimits): PerceptronFileError | undefined {
  if (!Array.isArray(json.rows)) return undefined;
  if (json.rows.length > limits.maxRows) {
    return { code: 'too-many-rows', expected: limits.maxRows, actual: json.rows.length };
  }
  const inputs = (json.rows[0] as { inputs?: unknown } | undefined)?.inputs;
  if (Array.isArray(inputs) && inputs.length > limits.maxInputs) {
    return { code: 'too-many-inputs', expected: limits.maxInputs, actual: inputs.length };
  }
  return undefined;
}

function checkConsistency(
  file: z.infer<typeof fileSchema>,
  limits: PerceptronFileLimits,
): PerceptronFileError | undefined {
  const { settings, model, rows, columns } = file;
  if (settings.epochs > limits.maxEpochs) return { code: 'bad-value', field: 'settings.epochs' };
  if (settings.learningRate > limits.maxLearningRate)
    return { code: 'bad-value', field: 'settings.learningRate' };
  const width = rows[0]?.inputs.length ?? model?.inputs;
  const ragged = rows.findIndex((row) => row.inputs.length !== width);
  if (ragged >= 0) return { code: 'bad-value', field: `rows[${ragged}].inputs` };
  if (width !== undefined && width > limits.maxInputs) {
    return { code: 'too-many-inputs', expected: limits.maxInputs, actual: width };
  }
  if (columns && columns.inputs.length !== width) return { code: 'bad-value', field: 'columns.inputs' };
  if (!model) return undefined;
  if (model.inputs !== width) return { code: 'bad-value', field: 'model.inputs' };
  if (model.weights.length !== width) return { code: 'bad-value', field: 'model.weights' };
  if (model.initialWeights.length !== width) return { code: 'bad-value', field: 'model.initialWeights' };
  const biasFields = [model.bias, model.initialBias].map((value) => value !== undefined);
  if (biasFields.some((present) => present !== settings.bias))
    return { code: 'bad-value', field: 'model.bias' };
  return undefined;
}

function toModel(model: FileModel, settings: ModelState['settings']): ModelState {
  return { version: 1, settings: { ...settings }, ...model };
}

/** `rows[3].output` from a schema path. */
function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`))
    .join('');
}

function fail(error: PerceptronFileError): PerceptronFileResult {
  return { ok: false, error };
}
