import { render } from 'preact';
import { createApi } from './api.js';
import { App } from './app.js';
import './style.css';
import { applyTheme, findWebApp } from './telegram.js';
import { guessLanguage, translator } from './texts.js';

const webApp = findWebApp();
applyTheme(webApp);
webApp?.onEvent?.('themeChanged', () => applyTheme(webApp));
const guessed = guessLanguage(webApp?.initDataUnsafe.user?.language_code ?? navigator.language);
const api = webApp?.initData
  ? createApi(webApp.initData, () => translator(guessed)('errors.unreachable'))
  : undefined;
// Asked before the first render, so that the answer is on its way while the page starts.
const first = api?.state();
first?.catch(() => undefined);
const root = document.getElementById('app');
if (root) render(<App api={api} first={first} guessed={guessed} />, root);
webApp?.ready();
webApp?.expand();
