import { Context, type Telegram } from 'telegraf';
import type { Update, UserFromGetMe } from 'telegraf/types';
import { z } from 'zod';
import { LANGUAGES } from '../../config/config.js';
import type { TrainingJob, TrainingOutcome } from '../../training/training-runner.js';
import type { BotContext } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { finishTraining } from './train-finish.js';

/**
 * What another instance needs to deliver a training's result in its owner's chat, should the instance
 * that started it be gone: the chat, the owner, how the result reads there, and the progress message.
 */
const handoverNoteSchema = z.object({
  chatId: z.number().int(),
  chatType: z.enum(['private', 'group', 'supergroup']),
  ownerId: z.number().int(),
  language: z.enum(LANGUAGES),
  quiet: z.boolean().optional(),
  exerciseTitle: z.string().optional(),
  perceptronKey: z.string().optional(),
  messageId: z.number().int().optional(),
  /** The member's message that asked for the training (or whose button did): a group's result quotes it. */
  askedIn: z.number().int().optional(),
});

export type HandoverNote = z.infer<typeof handoverNoteSchema>;

/** The note of a training started by this update. */
export function handoverNote(ctx: BotContext, messageId?: number): HandoverNote {
  const type = ctx.chat?.type;
  const asked = ctx.message?.message_id ?? ctx.callbackQuery?.message?.message_id;
  return {
    chatId: ctx.chat?.id ?? 0,
    chatType: type === 'group' || type === 'supergroup' ? type : 'private',
    ownerId: ctx.from?.id ?? 0,
    language: ctx.language,
    ...(ctx.quiet ? { quiet: true } : {}),
    ...(ctx.exerciseTitle !== undefined ? { exerciseTitle: ctx.exerciseTitle } : {}),
    ...(ctx.perceptronKey !== undefined ? { perceptronKey: ctx.perceptronKey } : {}),
    ...(messageId !== undefined ? { messageId } : {}),
    ...(asked !== undefined ? { askedIn: asked } : {}),
  };
}

export interface HandedOver {
  key: string;
  job: TrainingJob;
  outcome: TrainingOutcome;
  note: unknown;
}

/**
 * Delivers the result of a training whose instance is gone, as that instance would have: the weights
 * saved, the progress message turned into the result (or, when it was never sent, a new message quoting
 * the member's, in a group), the picture after it. The update is rebuilt from the note.
 */
export async function deliverHandedOver(
  deps: BotDependencies,
  telegram: Telegram,
  botInfo: UserFromGetMe,
  handed: HandedOver,
): Promise<void> {
  const parsed = handoverNoteSchema.safeParse(handed.note);
  if (!parsed.success) {
    deps.logger.warn({ key: handed.key }, 'a result handed over has an unreadable note; it is not delivered');
    return;
  }
  const note = parsed.data;
  const chat =
    note.chatType === 'private'
      ? { id: note.chatId, type: 'private' as const, first_name: '' }
      : { id: note.chatId, type: note.chatType, title: '' };
  const update = {
    update_id: 0,
    message: {
      message_id: note.askedIn ?? note.messageId ?? 0,
      date: Math.floor(Date.now() / 1000),
      chat,
      from: { id: note.ownerId, is_bot: false, first_name: '' },
      text: '',
    },
  } as Update.MessageUpdate;
  const ctx = new Context(update, telegram, botInfo) as BotContext;
  ctx.t = deps.i18n.translatorFor(note.language);
  ctx.language = note.language;
  if (note.quiet) ctx.quiet = true;
  if (note.exerciseTitle !== undefined) ctx.exerciseTitle = note.exerciseTitle;
  if (note.perceptronKey !== undefined) ctx.perceptronKey = note.perceptronKey;
  await finishTraining(deps, ctx, {
    key: handed.key,
    done: Promise.resolve(handed.outcome),
    progressMessage: Promise.resolve(note.messageId),
    epochsAsked: handed.job.epochs,
    rows: handed.job.rows,
    claimed: true,
  });
}
