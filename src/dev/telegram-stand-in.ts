/**
 * A small stand-in for Telegram's telegram-web-app.js, served by the terminal chat in place of the real
 * one (which only works inside Telegram): `window.Telegram.WebApp` with the initData of the link's
 * `#tgWebAppData=...`, the user and start_param read from it, the browser's colour scheme and a light or
 * dark theme, and the methods a page calls as harmless no-ops.
 */
export const TELEGRAM_STAND_IN = `(function () {
  var hash = new URLSearchParams(location.hash.slice(1));
  var initData = hash.get('tgWebAppData') || '';
  var fields = new URLSearchParams(initData);
  var user;
  try { user = JSON.parse(fields.get('user') || 'null') || undefined; } catch (e) { user = undefined; }
  var dark = !!(window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
  var theme = dark
    ? { bg_color: '#17212b', text_color: '#f5f5f5', hint_color: '#708499', link_color: '#6ab3f3',
        button_color: '#5288c1', button_text_color: '#ffffff', secondary_bg_color: '#232e3c' }
    : { bg_color: '#ffffff', text_color: '#000000', hint_color: '#707579', link_color: '#3390ec',
        button_color: '#3390ec', button_text_color: '#ffffff', secondary_bg_color: '#f4f4f5' };
  var root = document.documentElement;
  Object.keys(theme).forEach(function (name) {
    root.style.setProperty('--tg-theme-' + name.replace(/_/g, '-'), theme[name]);
  });
  var noop = function () {};
  var button = { show: noop, hide: noop, onClick: noop, offClick: noop, setText: noop, enable: noop,
    disable: noop, setParams: noop, isVisible: false };
  window.Telegram = { WebApp: {
    initData: initData,
    initDataUnsafe: {
      user: user,
      start_param: fields.get('start_param') || undefined,
      auth_date: Number(fields.get('auth_date')) || undefined,
      hash: fields.get('hash') || undefined
    },
    version: '7.0',
    platform: 'stand-in',
    colorScheme: dark ? 'dark' : 'light',
    themeParams: theme,
    isExpanded: true,
    viewportHeight: window.innerHeight,
    viewportStableHeight: window.innerHeight,
    ready: noop, expand: noop, close: function () { window.close(); },
    onEvent: noop, offEvent: noop, sendData: noop, setHeaderColor: noop, setBackgroundColor: noop,
    enableClosingConfirmation: noop, disableClosingConfirmation: noop,
    openLink: function (url) { window.open(url, '_blank'); },
    MainButton: button, SecondaryButton: button, BackButton: { show: noop, hide: noop, onClick: noop, offClick: noop },
    HapticFeedback: { impactOccurred: noop, notificationOccurred: noop, selectionChanged: noop }
  } };
})();
`;
