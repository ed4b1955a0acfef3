import { describe, expect, it } from 'vitest';
import type { ExerciseRun } from '../../src/bot/exercise/exercise-documents.js';
import { renderAnnouncement } from '../../src/bot/exercise/render-announcement.js';
import { MAX_STATEMENT, MAX_TITLE } from '../../src/bot/exercise/task-draft.js';
import { MESSAGE_LIMIT } from '../../src/bot/reply.js';
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
