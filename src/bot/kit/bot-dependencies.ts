import type { Config, Limits } from '../../config/config.js';
import type { Logger } from '../../config/logger.js';
import type { Translate } from '../../i18n/i18n.js';
import type { Metrics } from '../../metrics/metrics.js';
import type { DocumentStore } from '../../storage/index.js';
import type { KeyedQueue } from '../../storage/keyed-queue.js';
import type { OutgoingLimiter } from '../../telegram/rate-limit.js';
import type { DocumentReader } from '../../training/document-task.js';
import type { PictureRenderer } from '../../training/picture-renderer.js';
import type { TrainingRunner } from '../../training/training-runner.js';
import type { BackgroundTasks } from './background-tasks.js';
import type { PerceptronDoc, ProfileDoc } from './state/documents.js';

/**
 * Everything the bot needs, made by main.ts (or a test) and handed in. A capability that keeps stores of
 * its own adds them from its own folder with `declare module` (files/shares.ts, training/training-messages.ts,
 * exercises/exercise-state.ts and classroom.ts), so that kit/ imports no feature.
 */
export interface BotDependencies {
  config: Pick<Config, 'defaultLanguage' | 'miniApp'> & { limits: Limits };
  /**
   * One member's updates (and the Mini App's requests) take turns under their key here, so that their
   * changes apply in order whichever side sends them; createBot makes one when absent.
   */
  memberTurns?: KeyedQueue;
  logger: Logger;
  i18n: { translatorFor: (language: Config['defaultLanguage']) => Translate };
  perceptrons: DocumentStore<PerceptronDoc>;
  profiles: DocumentStore<ProfileDoc>;
  trainer: TrainingRunner;
  /** Reads a document's bytes into rows or a perceptron; large ones on the worker pool. */
  readDocument: DocumentReader;
  /** Draws pictures and replays on the worker pool. */
  pictures: PictureRenderer;
  /** Paces every Bot API call the bot makes (per chat, per group, overall) and honours 429 answers. */
  outgoing: OutgoingLimiter;
  background: BackgroundTasks;
  /** Keys whose file was corrupt and started afresh, by store; each owner is told once what was reset. */
  recovered: { perceptrons: Set<string>; profiles: Set<string> };
  /** This process's metrics (GET /metrics); tests that build their own dependencies may leave it out. */
  metrics?: Metrics;
  /** Minimum time between two progress edits of one training, by chat kind. */
  progressIntervalMs?: { private: number; group: number };
}
