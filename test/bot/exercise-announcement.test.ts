import { describe, expect, it } from 'vitest';
import type { ExerciseRun } from '../../src/bot/exercises/exercise-documents.js';
import { renderAnnouncement } from '../../src/bot/exercises/render-announcement.js';
import { MAX_STATEMENT, MAX_TITLE } from '../../src/bot/exercises/task-draft.js';
import { MESSAGE_LIMIT } from '../../src/bot/kit/reply.js';
import { textsFor } from '../helpers/texts.js';

const t = textsFor('en');
const CLOCK = { submissionLimit: 10, timeZone: 'UTC', now: 0 };

/** An own task with the longest title and statement, and `students` entries with long names. */
function crowdedRun(students: number): ExerciseRun {
  return {
    runId: 'ABCDEFGH',
    task: {
      id: 'EX-ABCDEFGH',
      kind: 'custom',
      inputs: 3,
      hidden: [{ inputs: [0.123, 0.456, 1], output: 1 }],
      title: 'T'.repeat(MAX_TITLE),
      // 1,500 characters once escaped for HTML, as long as a draft may be.
      statement: `${'<&>'.repeat(100)}${'x'.repeat(MAX_STATEMENT - 1300)}`,
    },
    teacherId: 1,
    teacherName: 'Teacher',
    language: 'en',
    groupTitle: 'Group',
    startedAt: 0,
    deadline: 60_000,
    entries: Array.from({ length: students }, (_, i) => ({
      userId: i + 1,
      name: `${'Н'.repeat(40)} ${i}`,
      submissions: 1,
      firstAt: i,
      best: { accuracy: (i % 7) / 7, loss: 0.1, wrong: 1, rows: 4 + (i % 3), epochs: 20_000, at: i },
    })),
  };
}

describe('the announcement', () => {
  it('fits one message with the longest statement and 200 students, live and final', () => {
    const run = crowdedRun(200);
    for (const ended of [undefined, 'teacher', 'deadline'] as const) {
      const text = renderAnnouncement(t, 'en', run, { ...CLOCK, ...(ended ? { ended } : {}) });
      expect(text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(text).toContain('&lt;&amp;&gt;');
      expect(text).toContain(t('exercise.board.title', { count: 200 }));
      expect(text).not.toContain('0.123');
    }
  });

  it('shows up to 50 places in the final table when they fit, medals first', () => {
    const run = { ...crowdedRun(60), task: { ...crowdedRun(0).task, statement: 'Short.' } };
    const text = renderAnnouncement(t, 'en', run, { ...CLOCK, ended: 'teacher' });
    const lines = text.split('\n');
    expect(lines.filter((line) => /^(🥇|🥈|🥉|\d+\.) /.test(line))).toHaveLength(50);
    expect(lines.filter((line) => /^(🥇|🥈|🥉) /.test(line))).toHaveLength(3);
    expect(text).toContain(t('exercise.board.more', { count: 10 }));
  });
});

describe.each(['en', 'ru'] as const)('how places are decided, in %s', (language) => {
  const t = textsFor(language);
  const entry = (userId: number, name: string, rows: number, epochs: number) => ({
    userId,
    name,
    submissions: 1,
    firstAt: userId,
    best: { accuracy: 1, loss: 0.01, wrong: 0, rows, epochs, at: userId },
  });
  // Six rows submitted first, two rows later: at the same accuracy, the two rows rank higher.
  const run = {
    ...crowdedRun(0),
    task: { ...crowdedRun(0).task, statement: 'Short.' },
    entries: [entry(1, 'Six', 6, 20_000), entry(2, 'Two', 2, 20_000)],
  };

  it('the announcement says it while the exercise runs, and the final table says it above the places', () => {
    const rule = t('exercise.board.ranking');
    const live = renderAnnouncement(t, language, run, { ...CLOCK });
    expect(live).toContain(`${t('exercise.announce.howTo', { limit: 10 })} ${rule}`);
    const final = renderAnnouncement(t, language, run, { ...CLOCK, ended: 'teacher' });
    const table = final.slice(final.indexOf(t('exercise.board.title', { count: 2 })));
    expect(table.split('\n').slice(0, 3)).toEqual([
      t('exercise.board.title', { count: 2 }),
      rule,
      expect.stringMatching(/^🥇 Two — 100%/),
    ]);
  });

  it('names accuracy, then rows, then epochs', () => {
    const rule = t('exercise.board.ranking');
    const words = language === 'en' ? ['accuracy', 'rows', 'epochs'] : ['точност', 'строк', 'эпох'];
    const at = words.map((word) => rule.indexOf(word));
    expect(at.every((index) => index >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });
});
