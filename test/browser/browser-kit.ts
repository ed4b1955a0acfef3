import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { type InitDataUser, signInitData } from '../../src/dev/sign-init-data.js';

/** Debian's chromium; no browser is ever downloaded. */
export const CHROMIUM = '/usr/bin/chromium';
/** A phone's viewport: the page is built for 360 to 430 px. */
export const PHONE = { width: 390, height: 844 };
export const TELEGRAM_SCRIPT = 'https://telegram.org/js/telegram-web-app.js';

/** Telegram's theme colours as its clients send them, light and dark. */
export const THEMES = {
  light: {
    bg_color: '#ffffff',
    text_color: '#000000',
    hint_color: '#707579',
    link_color: '#3390ec',
    button_color: '#3390ec',
    button_text_color: '#ffffff',
    secondary_bg_color: '#f4f4f5',
    destructive_text_color: '#e53935',
  },
  dark: {
    bg_color: '#212121',
    text_color: '#ffffff',
    hint_color: '#aaaaaa',
    link_color: '#8774e1',
    button_color: '#8774e1',
    button_text_color: '#ffffff',
    secondary_bg_color: '#181818',
    destructive_text_color: '#ff595a',
  },
} as const;
export type Scheme = keyof typeof THEMES;

/**
 * Chromium headless with an empty profile of its own; when it is not installed, one sentence that says how
 * to install it.
 */
export async function launchBrowser(
  options: { deviceScaleFactor?: number } = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\`.`,
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: PHONE,
    deviceScaleFactor: options.deviceScaleFactor ?? 2,
    isMobile: true,
    hasTouch: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type TelegramUser = InitDataUser;

/** initData as Telegram signs it for this user, now (or at `authDate`), with the bot's token. */
export function signedInitData(
  botToken: string,
  user: TelegramUser,
  options: { authDate?: number; startParam?: string } = {},
): string {
  return signInitData(botToken, {
    user,
    ...(options.authDate === undefined ? {} : { auth_date: options.authDate }),
    ...(options.startParam === undefined ? {} : { start_param: options.startParam }),
  });
}

/** The stand-in for telegram-web-app.js: window.Telegram.WebApp with this initData and theme. */
export function telegramStandIn(initData: string, scheme: Scheme): string {
  const params = new URLSearchParams(initData);
  const user = JSON.parse(params.get('user') ?? '{}') as TelegramUser;
  const unsafe = {
    user,
    start_param: params.get('start_param') ?? undefined,
    auth_date: params.get('auth_date'),
  };
  return `(() => {
  const themeParams = ${JSON.stringify(THEMES[scheme])};
  const root = document.documentElement;
  for (const [name, colour] of Object.entries(themeParams))
    root.style.setProperty('--tg-theme-' + name.replaceAll('_', '-'), colour);
  const noop = () => {};
  window.Telegram = { WebApp: {
    initData: ${JSON.stringify(initData)},
    initDataUnsafe: ${JSON.stringify(unsafe)},
    colorScheme: ${JSON.stringify(scheme)},
    themeParams,
    version: '8.0',
    platform: 'tdesktop',
    ready() { window.__telegramReady = true; },
    expand: noop,
    onEvent: noop,
    offEvent: noop,
    MainButton: { setText: noop, show: noop, hide: noop, onClick: noop, offClick: noop },
  } };
})();`;
}

/** A new tab at `url` opened as Telegram would, with this initData and colour scheme. */
export async function openApp(
  context: BrowserContext,
  url: string,
  initData: string,
  scheme: Scheme,
): Promise<Page> {
  const page = await context.newPage();
  await page.route(TELEGRAM_SCRIPT, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: telegramStandIn(initData, scheme) }),
  );
  await page.goto(url);
  return page;
}
