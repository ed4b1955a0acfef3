import type { Config, Limits } from '../../config/config.js';
import type { Logger } from '../../config/logger.js';
import type { Translate } from '../../i18n/i18n.js';
import type { DocumentStore } from '../../storage/index.js';
import type { OutgoingLimiter } from '../../telegram/rate-limit.js';
import type { DocumentReader } from '../../training/document-task.js';
import type { PictureRenderer } from '../../training/picture-renderer.js';
import type { TrainingRunner } from '../../training/training-runner.js';
import type { Classroom } from '../exercises/classroom.js';
import type { ExerciseStores } from '../exercises/exercise-state.js';
import type { ShareRecord } from '../files/shares.js';
import type { TrainingMessagesDoc } from '../training/training-messages.js';
import type { BackgroundTasks } from './background-tasks.js';
import type { PerceptronDoc, ProfileDoc } from './state/documents.js';

/** Everything the bot needs, made by main.ts (or a test) and handed in. */
export interface BotDependencies {
  config: Pick<Config, 'defaultLanguage'> & { limits: Limits };
  logger: Logger;
  i18n: { translatorFor: (language: Config['defaultLanguage']) => Translate };
  perceptrons: DocumentStore<PerceptronDoc>;
  profiles: DocumentStore<ProfileDoc>;
  /** Share links (`share-<code>`) and each sharer's list of them (`sharer-<user id>`). */
  shares: DocumentStore<ShareRecord>;
  /** Progress messages of trainings under way, so that a restart can tell their owners they ended. */
  trainingMessages: DocumentStore<TrainingMessagesDoc>;
  trainer: TrainingRunner;
  /** Reads a document's bytes into rows or a perceptron; large ones on the worker pool. */
  readDocument: DocumentReader;
  /** Draws pictures and replays on the worker pool. */
  pictures: PictureRenderer;
  /** Class exercises: groups' runs and standings, users' current tasks, own tasks. */
  exercises: ExerciseStores;
  /** What exercises keep in memory: admin answers, deadline and board timers. */
  classroom: Classroom;
  /** Paces every Bot API call the bot makes (per chat, per group, overall) and honours 429 answers. */
  outgoing: OutgoingLimiter;
  background: BackgroundTasks;
  /** Keys whose file was corrupt and started afresh, by store; each owner is told once what was reset. */
  recovered: { perceptrons: Set<string>; profiles: Set<string> };
  /** Minimum time between two progress edits of one training, by chat kind. */
  progressIntervalMs?: { private: number; group: number };
}
