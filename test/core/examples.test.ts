import { describe, expect, it } from 'vitest';
import { EXAMPLES, type Example, findExample } from '../../src/core/examples.js';
import { isLinearlySeparable } from '../../src/core/separability.js';
import { MAX_INPUTS } from '../../src/core/types.js';

const lesson = findExample('lesson') as Example;
const smileys = findExample('smileys') as Example;

describe('EXAMPLES', () => {
  it('offers the lesson and the logic and smiley tables', () => {
    expect(EXAMPLES.map((example) => example.name)).toEqual([
      'lesson',
      'and',
      'or',
      'nand',
      'not',
      'xor',
      'smileys',
    ]);
  });

  it('holds the lesson’s table and its new case', () => {
    expect(lesson.rows.map((row) => row.inputs)).toEqual([
      [0, 0, 1],
      [1, 1, 1],
      [1, 0, 1],
      [0, 1, 1],
    ]);
    expect(lesson.rows.map((row) => row.output)).toEqual([0, 1, 1, 0]);
    expect(lesson.tryInputs).toEqual([[1, 1, 0]]);
    expect(lesson.bias).toBe(false);
  });

  it.each(EXAMPLES)('gives "$name" rows and cases of one width, classes 0 and 1', (example) => {
    const width = example.rows[0]?.inputs.length ?? 0;
    expect(width).toBeGreaterThan(0);
    expect(width).toBeLessThanOrEqual(MAX_INPUTS);
    for (const inputs of [...example.rows.map((row) => row.inputs), ...example.tryInputs]) {
      expect(inputs).toHaveLength(width);
    }
    expect(new Set(example.rows.map((row) => row.output))).toEqual(new Set([0, 1]));
    expect(example.tryInputs.length).toBeGreaterThan(0);
  });

  it.each(EXAMPLES)('has "$name" separable unless it is xor', (example) => {
    expect(isLinearlySeparable(example.rows, { bias: example.bias })).toBe(example.name !== 'xor');
  });

  it('keeps about eight smileys for training and new faces to predict', () => {
    expect(smileys.rows).toHaveLength(8);
    expect(smileys.tryInputs.length).toBeGreaterThanOrEqual(2);
    const seen = new Set(smileys.rows.map((row) => row.inputs.join()));
    expect(seen.size).toBe(smileys.rows.length);
    for (const inputs of smileys.tryInputs) expect(seen.has(inputs.join())).toBe(false);
  });

  it('cannot be changed by a caller', () => {
    expect(() => lesson.rows.push({ inputs: [1, 1, 1], output: 1 })).toThrow(TypeError);
    expect(() => {
      (lesson.rows[0] as { output: number }).output = 1;
    }).toThrow(TypeError);
  });
});

describe('findExample', () => {
  it('finds an example by name in any letter case', () => {
    expect(findExample(' AND ')?.name).toBe('and');
  });

  it('finds nothing for an unknown name', () => {
    expect(findExample('sarcasm')).toBeUndefined();
  });
});
