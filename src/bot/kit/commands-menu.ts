import type { Telegram } from 'telegraf';
import { LANGUAGES } from '../../config/config.js';
import type { Logger } from '../../config/logger.js';
import type { BotDependencies } from './bot-dependencies.js';
import { COMMAND_DESCRIPTIONS, COMMANDS } from './command-list.js';

/**
 * Publishes the command menu: the default language's for everyone, and one per supported language.
 * The menu is a nicety: a failure is logged and the bot goes on.
 */
export async function publishCommandMenus(
  telegram: Telegram,
  deps: Pick<BotDependencies, 'i18n' | 'config'>,
  logger: Logger,
): Promise<void> {
  const menu = (language: (typeof LANGUAGES)[number]) => {
    const t = deps.i18n.translatorFor(language);
    return COMMANDS.map((command) => ({ command, description: t(COMMAND_DESCRIPTIONS[command]) }));
  };
  const requests = [
    () => telegram.setMyCommands(menu(deps.config.defaultLanguage)),
    ...LANGUAGES.map((language) => () => telegram.setMyCommands(menu(language), { language_code: language })),
  ];
  for (const request of requests) {
    try {
      await request();
    } catch (error) {
      logger.warn({ err: error }, 'could not publish a command menu; the bot works without it');
    }
  }
}
