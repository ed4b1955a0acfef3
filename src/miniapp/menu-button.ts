import type { Telegram } from 'telegraf';
import type { BotDependencies } from '../bot/kit/bot-dependencies.js';

type MenuButtonDeps = Pick<BotDependencies, 'i18n' | 'config' | 'logger'>;

/** Makes the menu button of private chats open the app at `url`; a failure is logged, the bot runs on. */
export async function publishMenuButton(
  telegram: Telegram,
  deps: MenuButtonDeps,
  url: string,
): Promise<void> {
  const text = deps.i18n.translatorFor(deps.config.defaultLanguage)('buttons.menuApp');
  try {
    await telegram.callApi('setChatMenuButton', { menu_button: { type: 'web_app', text, web_app: { url } } });
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not set the menu button that opens the Mini App');
  }
}

/**
 * Without PUBLIC_URL the app is not served: a menu button that an earlier start pointed at it would open
 * a page that is gone, so it goes back to Telegram's default (the command list).
 */
export async function withdrawMenuButton(
  telegram: Telegram,
  deps: Pick<MenuButtonDeps, 'logger'>,
): Promise<void> {
  try {
    const current = await telegram.callApi('getChatMenuButton', {});
    if (current.type !== 'web_app') return;
    await telegram.callApi('setChatMenuButton', { menu_button: { type: 'default' } });
    deps.logger.info('the menu button no longer opens the Mini App, which PUBLIC_URL no longer serves');
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not reset the menu button that opened the Mini App');
  }
}
