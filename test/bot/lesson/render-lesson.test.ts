import { describe, expect, it } from 'vitest';
import { renderLessonIntro } from '../../../src/bot/lesson/render-lesson.js';
import { textsFor } from '../../helpers/texts.js';

describe('the tour’s introduction', () => {
  const ru = textsFor('ru');
  it.each([
    [1, 'заменит вашу 1 строку'],
    [3, 'заменит ваши 3 строки'],
    [5, 'заменит ваши 5 строк'],
    [11, 'заменит ваши 11 строк'],
    [21, 'заменит вашу 21 строку'],
    [104, 'заменит ваши 104 строки'],
  ])('says in Russian what %i rows it replaces: %s', (count, words) => {
    expect(renderLessonIntro(ru, count, '20 000 эпох')).toContain(words);
  });

  it('warns of nothing when there are no rows, and names the epochs per /train', () => {
    const en = textsFor('en');
    const text = renderLessonIntro(en, 0, '1,000 epochs');
    expect(text).not.toContain('⚠️');
    expect(text).toContain('1,000 epochs per /train');
    expect(renderLessonIntro(en, 1, '20,000 epochs')).toContain('replaces your 1 row with');
    expect(renderLessonIntro(en, 2, '20,000 epochs')).toContain('replaces your 2 rows with');
  });
});
