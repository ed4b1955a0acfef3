import type {
  AddRowsRequest,
  AppState,
  ChangeSettingsRequest,
  KeepWeightsRequest,
  TrainingProgress,
} from '../src/miniapp-api/api-schema.js';
import { API_PATH } from './api-paths.js';

/** A refusal of the API: its own localized sentence, or the page's when none came. */
export class ApiRefusal extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The API under /app/api/, every call signed by Telegram's initData. */
export interface Api {
  state(): Promise<AppState>;
  addRows(request: AddRowsRequest): Promise<AppState>;
  deleteRow(index: number): Promise<AppState>;
  keepWeights(request: KeepWeightsRequest): Promise<AppState>;
  changeSettings(request: ChangeSettingsRequest): Promise<AppState>;
  train(epochs?: number): Promise<TrainingProgress>;
  progress(): Promise<TrainingProgress>;
  stop(): Promise<TrainingProgress>;
}

/** `unreachable` is the sentence shown when no answer came at all. */
export function createApi(initData: string, unreachable: () => string): Api {
  const call = async <T>(path: string, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${API_PATH}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          Authorization: `tma ${initData}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiRefusal(unreachable(), 0);
    }
    const answer = (await response.json().catch(() => undefined)) as { error?: unknown } | undefined;
    if (!response.ok) {
      const sentence = typeof answer?.error === 'string' ? answer.error : unreachable();
      throw new ApiRefusal(sentence, response.status);
    }
    return answer as T;
  };
  return {
    state: () => call('state'),
    addRows: (request) => call('rows', request),
    deleteRow: (index) => call('rows/delete', { index }),
    keepWeights: (request) => call('weights', request),
    changeSettings: (request) => call('settings', request),
    train: (epochs) => call('train', epochs === undefined ? {} : { epochs }),
    progress: () => call('train'),
    stop: () => call('train/stop', {}),
  };
}
