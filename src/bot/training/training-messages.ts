import { z } from 'zod';
import { LANGUAGES } from '../../config/config.js';
import type { DocumentStore } from '../../storage/index.js';

declare module '../kit/bot-dependencies.js' {
  interface BotDependencies {
    /** Progress messages of trainings under way, so that a restart can tell their owners they ended. */
    trainingMessages: DocumentStore<TrainingMessagesDoc>;
  }
}

/**
 * The progress message of a training under way, kept on disk until its result is delivered: after a
 * crash (or a shutdown that had no time to send the result) the restart turns it into a notice.
 */
const trainingMessageSchema = z.object({
  /** The perceptron's store key. */
  key: z.string(),
  chatId: z.number().int(),
  messageId: z.number().int(),
  /** The member the training belongs to: a button on the notice is theirs. */
  ownerId: z.number().int(),
  language: z.enum(LANGUAGES),
  /** The training's id, with trainings in worker processes: a restart asks the queue whether it is over. */
  jobId: z.string().optional(),
});

/** Every training message not yet turned into its result, in one small document. */
const schema = z.object({ version: z.literal(1), messages: z.array(trainingMessageSchema) });

export type TrainingMessage = z.infer<typeof trainingMessageSchema>;
export type TrainingMessagesDoc = z.infer<typeof schema>;

/** The one key of the store's one document. */
export const TRAINING_MESSAGES_KEY = 'running-trainings';

export const isTrainingMessagesDoc = (value: unknown): value is TrainingMessagesDoc =>
  schema.safeParse(value).success;

type Store = DocumentStore<TrainingMessagesDoc>;

const same = (a: TrainingMessage, b: TrainingMessage) => a.chatId === b.chatId && a.messageId === b.messageId;

/** Notes a progress message just sent. */
export async function rememberTrainingMessage(store: Store, message: TrainingMessage): Promise<void> {
  await store.update(TRAINING_MESSAGES_KEY, (doc) => ({
    version: 1,
    messages: [...(doc?.messages ?? []).filter((m) => !same(m, message)), message],
  }));
}

/** Forgets the given messages (their result is delivered, or their notice); others stay. */
export async function forgetTrainingMessages(store: Store, gone: readonly TrainingMessage[]): Promise<void> {
  const isGone = (m: TrainingMessage) => gone.some((g) => same(m, g));
  await store.update(TRAINING_MESSAGES_KEY, (doc) => {
    const kept = doc?.messages.filter((m) => !isGone(m)) ?? [];
    return doc && kept.length === doc.messages.length ? doc : { version: 1, messages: kept };
  });
}

/** The progress messages a previous run left behind. */
export async function readTrainingMessages(store: Store): Promise<TrainingMessage[]> {
  return (await store.read(TRAINING_MESSAGES_KEY))?.messages ?? [];
}

/**
 * With trainings in worker processes, which outlive the instance that queued them: of the messages noted,
 * those of trainings nobody will finish. A message noted with its training's id asks the queue about that
 * training; an older one, about its owner's.
 */
export async function abandonedTrainings(
  queue: {
    abandoned(ids: readonly string[]): Promise<Set<string>>;
    pendingKeys(): Promise<Set<string>>;
  },
  noted: readonly TrainingMessage[],
): Promise<TrainingMessage[]> {
  const ids = noted.flatMap((m) => (m.jobId === undefined ? [] : [m.jobId]));
  const over = await queue.abandoned(ids);
  const pending = noted.some((m) => m.jobId === undefined) ? await queue.pendingKeys() : new Set<string>();
  return noted.filter((m) => (m.jobId === undefined ? !pending.has(m.key) : over.has(m.jobId)));
}
