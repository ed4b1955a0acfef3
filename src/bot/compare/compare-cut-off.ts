import type { Telegram } from 'telegraf';
import { z } from 'zod';
import { LANGUAGES } from '../../config/config.js';
import { NotSentError } from '../../telegram/rate-limit.js';
import type { BotContext } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';

/**
 * What another instance needs to tell a member that a comparison was cut off, should the instance that
 * runs it be gone before its table is sent: the "comparing" message, its language, and the epochs asked.
 */
const comparisonNoteSchema = z.object({
  chatId: z.number().int(),
  messageId: z.number().int(),
  language: z.enum(LANGUAGES),
  epochs: z.number().int(),
});

export type ComparisonNote = z.infer<typeof comparisonNoteSchema>;

export function comparisonNote(ctx: BotContext, messageId: number, epochs: number): ComparisonNote {
  return { chatId: ctx.chat?.id ?? 0, messageId, language: ctx.language, epochs };
}

/**
 * The "comparing" message of a comparison whose instance is gone becomes a notice saying how to run it
 * again, without its Stop: the trainings already done are not kept, so no table can be made of them.
 */
export async function reportComparisonCutOff(
  deps: Pick<BotDependencies, 'i18n' | 'logger'>,
  telegram: Telegram,
  note: unknown,
): Promise<void> {
  const parsed = comparisonNoteSchema.safeParse(note);
  if (!parsed.success) {
    deps.logger.warn('a comparison cut off has an unreadable note; its member is not told');
    return;
  }
  const { chatId, messageId, language, epochs } = parsed.data;
  const t = deps.i18n.translatorFor(language);
  try {
    await telegram.editMessageText(chatId, messageId, undefined, t('methods.compare.cutOff', { epochs }), {
      parse_mode: 'HTML',
    });
  } catch (error) {
    // Stopping before it went: the comparison stays noted, and another instance tells the member.
    if (error instanceof NotSentError) throw error;
    deps.logger.info({ err: error, chatId }, "a cut-off comparison's message could not be edited");
  }
}
