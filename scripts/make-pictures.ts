// npm run pictures: one of each picture the bot sends, in both languages, into docs/pictures/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { describePicture, describeReplay } from '../src/bot/render/picture-input.js';
import { LANGUAGES } from '../src/config/config.js';
import { createI18n } from '../src/i18n/i18n.js';
import { makePicture, makeReplay } from '../src/pictures/make-picture.js';
import { createPictureCases } from '../test/helpers/picture-cases.js';

const folder = new URL('../docs/pictures/', import.meta.url);
mkdirSync(folder, { recursive: true });
const i18n = createI18n('en');
const cases = createPictureCases();
for (const language of LANGUAGES) {
  const t = i18n.translatorFor(language);
  for (const { name, model, rows, inputs } of cases) {
    const started = performance.now();
    const { png } = makePicture(describePicture(t, language, { model, rows, inputs }));
    writeFileSync(new URL(`${name}-${language}.png`, folder), png);
    const ms = Math.round(performance.now() - started);
    console.log(`${name}-${language}.png  ${Math.round(png.length / 1024)} KB  ${ms} ms`);
  }
  const lesson = cases[0];
  if (!lesson) continue;
  const started = performance.now();
  const { gif, frames } = makeReplay(describeReplay(t, language, lesson));
  writeFileSync(new URL(`lesson-replay-${language}.gif`, folder), gif);
  const ms = Math.round(performance.now() - started);
  console.log(
    `lesson-replay-${language}.gif  ${Math.round(gif.length / 1024)} KB  ${frames} frames  ${ms} ms`,
  );
}
