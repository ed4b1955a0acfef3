/** The part of Telegram's `window.Telegram.WebApp` the page uses. */
export interface TelegramWebApp {
  initData: string;
  initDataUnsafe: { start_param?: string; user?: { first_name?: string; language_code?: string } };
  colorScheme?: 'light' | 'dark';
  themeParams?: Record<string, string>;
  ready(): void;
  expand(): void;
  onEvent?(event: string, handler: () => void): void;
  HapticFeedback?: { selectionChanged(): void };
}

declare global {
  interface Window {
    Telegram?: { WebApp?: TelegramWebApp };
  }
}

/** Telegram's WebApp object, or undefined when the page is opened outside Telegram. */
export function findWebApp(): TelegramWebApp | undefined {
  const webApp = window.Telegram?.WebApp;
  return webApp && typeof webApp.initData === 'string' ? webApp : undefined;
}

/**
 * The colour scheme on the root element (`data-scheme`), for the colours Telegram's theme does not give,
 * and Telegram's theme colours as `--tg-theme-*` variables when the script has not set them itself.
 */
export function applyTheme(webApp: TelegramWebApp | undefined): void {
  const root = document.documentElement;
  const dark = webApp?.colorScheme
    ? webApp.colorScheme === 'dark'
    : window.matchMedia?.('(prefers-color-scheme: dark)').matches === true;
  root.dataset.scheme = dark ? 'dark' : 'light';
  for (const [name, colour] of Object.entries(webApp?.themeParams ?? {})) {
    const variable = `--tg-theme-${name.replaceAll('_', '-')}`;
    if (!root.style.getPropertyValue(variable)) root.style.setProperty(variable, colour);
  }
}
