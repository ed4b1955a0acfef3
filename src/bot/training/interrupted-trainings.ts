import type { Telegram } from 'telegraf';
import type { Logger } from '../../config/logger.js';
import { NotSentError } from '../../telegram/rate-limit.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { BUTTON_CODES, encodeButton } from '../kit/callback-data.js';
import { forgetTrainingMessages, type TrainingMessage } from './training-messages.js';

/**
 * Turns the progress messages of trainings a previous run never finished (a crash, or a shutdown with
 * no time left to send the result) into a notice with [Train], instead of a bar at 0% and a dead Stop.
 * A message that cannot be edited (deleted, or the bot left the chat) is forgotten all the same.
 */
export async function reportInterruptedTrainings(
  telegram: Telegram,
  deps: Pick<BotDependencies, 'i18n' | 'trainingMessages'>,
  logger: Logger,
  left: readonly TrainingMessage[],
): Promise<void> {
  if (left.length === 0) return;
  logger.info({ count: left.length }, 'telling members that their trainings were cut off');
  const outcomes = await Promise.all(
    left.map(async (message) => {
      const t = deps.i18n.translatorFor(message.language);
      const train = {
        text: t('buttons.train'),
        callback_data: encodeButton(BUTTON_CODES.train, message.ownerId),
      };
      try {
        await telegram.editMessageText(
          message.chatId,
          message.messageId,
          undefined,
          t('lifecycle.interrupted'),
          {
            parse_mode: 'HTML',
            reply_markup: { inline_keyboard: [[train]] },
          },
        );
      } catch (error) {
        // Stopping again before it went: the next start tries again.
        if (error instanceof NotSentError) return undefined;
        logger.info(
          { err: error, chatId: message.chatId },
          "a cut-off training's message could not be edited",
        );
      }
      return message;
    }),
  );
  await forgetTrainingMessages(
    deps.trainingMessages,
    outcomes.filter((m) => m !== undefined),
  );
}
