import type { NumberFormat } from '../src/core/number-format.js';
import type { AppState } from '../src/miniapp-api/api-schema.js';
import type { Api } from './api.js';
import type { Language, Translate } from './texts.js';

/** What every screen gets: the state, the API, the texts and numbers in the member's language. */
export interface ScreenProps {
  state: AppState;
  api: Api;
  t: Translate;
  numbers: NumberFormat;
  language: Language;
  /** Runs one call of the API: its answer, or undefined after showing its refusal. */
  run<T>(call: () => Promise<T>): Promise<T | undefined>;
  /** The state after a change made on this screen. */
  update(state: AppState): void;
}
