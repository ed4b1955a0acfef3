import { lacksGradient } from '../core/model.js';
import { DEFAULT_POPULATION, MIN_POPULATION, type ModelState } from '../core/types.js';
import { toColumnNames } from './column-names.js';
import {
  type FileModel,
  PERCEPTRON_FILE_FORMAT,
  PERCEPTRON_FILE_VERSION,
  type PerceptronContent,
} from './perceptron-file.js';
import { type FileContent, fileSchema } from './perceptron-file-schema.js';

/** What a perceptron file may hold: the bot's own limits. */
export interface PerceptronFileLimits {
  maxRows: number;
  maxInputs: number;
  maxEpochs: number;
  maxLearningRate: number;
  maxPopulation: number;
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
  // Only a number is a version: "1" would read as "version 1; I read version 1".
  if (typeof head.version !== 'number') return fail(badValue('version'));
  if (head.version !== PERCEPTRON_FILE_VERSION) {
    return fail({ code: 'wrong-version', actual: head.version, expected: PERCEPTRON_FILE_VERSION });
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

const badValue = (field: string): PerceptronFileError => ({ code: 'bad-value', field });

function checkConsistency(file: FileContent, limits: PerceptronFileLimits): PerceptronFileError | undefined {
  const { model, rows, columns } = file;
  const problem = checkSettings(file.settings, limits);
  if (problem) return problem;
  const width = rows[0]?.inputs.length ?? model?.inputs;
  const ragged = rows.findIndex((row) => row.inputs.length !== width);
  if (ragged >= 0) return badValue(`rows[${ragged}].inputs`);
  if (width !== undefined && width > limits.maxInputs) {
    return { code: 'too-many-inputs', expected: limits.maxInputs, actual: width };
  }
  if (columns && columns.inputs.length !== width) return badValue('columns.inputs');
  return model && width !== undefined ? checkModel(file, model, width) : undefined;
}

/** What /set would refuse. */
function checkSettings(settings: FileContent['settings'], limits: PerceptronFileLimits) {
  if (settings.epochs > limits.maxEpochs) return badValue('settings.epochs');
  if (settings.learningRate > limits.maxLearningRate) return badValue('settings.learningRate');
  if ((settings.population ?? MIN_POPULATION) > limits.maxPopulation) return badValue('settings.population');
  if (lacksGradient(settings)) return badValue('settings.method');
  return undefined;
}

function checkModel(file: FileContent, model: FileModel, width: number): PerceptronFileError | undefined {
  const { bias } = file.settings;
  if (model.inputs !== width) return badValue('model.inputs');
  if (model.weights.length !== width) return badValue('model.weights');
  if (model.initialWeights.length !== width) return badValue('model.initialWeights');
  const biasFields = [model.bias, model.initialBias].map((value) => value !== undefined);
  if (biasFields.some((present) => present !== bias)) return badValue('model.bias');
  const samples = model.lastRun ?? [];
  if (samples.some((s) => s.weights.length !== width || (s.bias !== undefined) !== bias)) {
    return badValue('model.lastRun');
  }
  return fitsMethod(file, model, width + (bias ? 1 : 0)) ? undefined : badValue('model.methodState');
}

/** A method's memory must be the settings' method's, with one number per weight (the bias included). */
function fitsMethod(file: FileContent, model: FileModel, weights: number): boolean {
  const state = model.methodState;
  if (!state) return true;
  if (state.method !== (file.settings.method ?? 'gd')) return false;
  if (state.method === 'rprop')
    return state.steps.length === weights && state.previousGradient.length === weights;
  const size = file.settings.population ?? DEFAULT_POPULATION;
  return state.population.length === size && state.population.every((w) => w.length === weights);
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
