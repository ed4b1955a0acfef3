import { describe, expect, it } from 'vitest';
import { type Example, findExample } from '../../src/core/examples.js';
import { createModel } from '../../src/core/model.js';
import { sampleQuery } from '../../src/core/sample-query.js';
import { DEFAULT_SETTINGS } from '../../src/core/types.js';

const lesson = findExample('lesson') as Example;

describe('sampleQuery', () => {
  it('asks an example’s new case when the rows are that example', () => {
    expect(sampleQuery(lesson.rows, createModel(DEFAULT_SETTINGS, 3))).toEqual([1, 1, 0]);
  });

  it('asks the first row’s inputs when the rows are the member’s own', () => {
    const rows = [...lesson.rows.slice(1), lesson.rows[0]].flatMap((row) => (row ? [row] : []));
    expect(sampleQuery(rows, createModel(DEFAULT_SETTINGS, 3))).toEqual([1, 1, 1]);
  });

  it('asks ones, one per input, when there are no rows', () => {
    expect(sampleQuery([], createModel(DEFAULT_SETTINGS, 2))).toEqual([1, 1]);
  });
});
