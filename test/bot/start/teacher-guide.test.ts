import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { teacherGuideUrl } from '../../../src/bot/start/render-help.js';
import { LANGUAGES } from '../../../src/config/config.js';

const docsFolder = new URL('../../../docs/', import.meta.url).href;

describe("the teacher's guide that /help links under DOCS_URL", () => {
  it('names a page of docs/ that exists, in each language', () => {
    for (const language of LANGUAGES) {
      const page = fileURLToPath(teacherGuideUrl(docsFolder, language));
      expect([language, existsSync(page)]).toEqual([language, true]);
    }
  });

  it('is teacher.md in English and teacher.ru.md in Russian', () => {
    const docsUrl = 'https://example.org/docs/';
    expect(teacherGuideUrl(docsUrl, 'en')).toBe('https://example.org/docs/teacher.md');
    expect(teacherGuideUrl(docsUrl, 'ru')).toBe('https://example.org/docs/teacher.ru.md');
  });
});
