// npm run pictures: one of each picture the bot sends, in both languages, into docs/pictures/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { describePicture, describeReplay } from '../src/bot/kit/render/picture-input.js';
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
  for (const pictureCase of cases) {
    // A case whose column names are in one language is drawn in that one, and its name says which.
    if (pictureCase.testsOnly || (pictureCase.language && pictureCase.language !== language)) continue;
    const file = pictureCase.language ? `${pictureCase.name}.png` : `${pictureCase.name}-${language}.png`;
    const started = performance.now();
    const { png } = makePicture(describePicture(t, language, pictureCase));
    writeFileSync(new URL(file, folder), png);
    const ms = Math.round(performance.now() - started);
    console.log(`${file}  ${Math.round(png.length / 1024)} KB  ${ms} ms`);
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
