// `npm run screenshots`: each screen of the Mini App in English and Russian, light and dark, in a phone's
// viewport, into docs/miniapp/ (screen-language-scheme.png), from the built page and the API's stand-in.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findExample } from '../src/core/examples.js';
import { createModel } from '../src/core/model.js';
import { trainModel } from '../src/core/train.js';
import { DEFAULT_SETTINGS } from '../src/core/types.js';
import { launchBrowser, openApp, PHONE, type Scheme, signedInitData } from '../test/browser/browser-kit.js';
import { startFakeAppServer } from '../test/browser/fake-app-server.js';

const root = join(import.meta.dirname, '..');
const out = join(root, 'docs', 'miniapp');
const TOKEN = '123456:screenshots';
const LESSON = findExample('lesson')?.rows ?? [];
const SCREENS = ['neuron', 'try', 'rows', 'train', 'exercise'] as const;
const EXERCISE = {
  en: {
    title: 'AND gate',
    statement:
      'Teach your neuron AND: output 1 only when both inputs are 1. Submit with /submit in the group.',
  },
  ru: {
    title: 'Вентиль И',
    statement:
      'Научите нейрон логическому И: выход 1, только когда оба входа равны 1. Сдайте командой /submit в группе.',
  },
};

mkdirSync(out, { recursive: true });
const server = await startFakeAppServer(TOKEN, join(root, 'dist', 'app'));
const browser = await launchBrowser({ deviceScaleFactor: 2 });
let userId = 1;
try {
  for (const language of ['en', 'ru'] as const) {
    for (const scheme of ['light', 'dark'] as Scheme[]) {
      const id = userId++;
      const member = server.member(id);
      member.language = language;
      member.firstName = language === 'ru' ? 'Аня' : 'Ann';
      member.rows = [...LESSON];
      member.model = trainModel(createModel(DEFAULT_SETTINGS, 3), LESSON, {
        epochs: 20_000,
        stop: false,
      }).model;
      member.exercise = {
        ...EXERCISE[language],
        endsAt: new Date(Date.now() + 12 * 60_000 + 30_000).toISOString(),
        best: { accuracy: 0.75, loss: 0.1234 },
        standings: [
          { place: 1, name: 'Bea', accuracy: 1, loss: 0.0123 },
          { place: 2, name: member.firstName, accuracy: 0.75, loss: 0.1234 },
          { place: 3, name: 'Carl', accuracy: 0.5, loss: 0.25 },
        ],
      };
      const initData = signedInitData(TOKEN, { id, first_name: member.firstName, language_code: language });
      const page = await openApp(browser.context, `${server.url}/app/`, initData, scheme);
      await page.getByRole('heading', { level: 1 }).waitFor();
      for (const screen of SCREENS) {
        await page.setViewportSize(PHONE);
        if (screen === 'train') {
          // The lesson's training from the seed's weights, as a student's first one.
          member.model = undefined;
          await page.reload();
        }
        await page.locator(`[data-tab=${screen}]`).click();
        if (screen === 'neuron') await page.getByTestId('input-1').click();
        if (screen === 'try') await page.getByTestId('slider-3').fill('-3.5');
        if (screen === 'train') {
          await page.getByTestId('train').click();
          await page.getByTestId('result').waitFor({ timeout: 30_000 });
        }
        const file = join(out, `${screen}-${language}-${scheme}.png`);
        // The whole screen at once, its tabs at the bottom as the phone shows them once scrolled down.
        const height = await page.evaluate<number>('document.documentElement.scrollHeight');
        await page.setViewportSize({ width: PHONE.width, height: Math.max(PHONE.height, height) });
        await page.screenshot({ path: file });
        console.log(file.slice(root.length + 1));
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
