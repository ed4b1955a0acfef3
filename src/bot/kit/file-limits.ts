import { MAX_LEARNING_RATE } from '../../core/types.js';
import type { DocumentLimits } from '../../files/read-document.js';
import type { BotDependencies } from './bot-dependencies.js';

/** What a document may hold: the limits of typed rows and of /set. */
export function fileLimits(deps: BotDependencies): DocumentLimits {
  const { maxRows, maxInputs, maxEpochs, maxPopulation } = deps.config.limits;
  return { maxRows, maxInputs, maxEpochs, maxPopulation, maxLearningRate: MAX_LEARNING_RATE };
}
