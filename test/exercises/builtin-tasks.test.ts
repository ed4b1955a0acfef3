import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../src/core/examples.js';
import { isLinearlySeparable } from '../../src/core/separability.js';
import { BUILTIN_TASKS, findBuiltinTask } from '../../src/exercises/builtin-tasks.js';
import { readLocale } from '../../src/i18n/i18n.js';

const lookup = (tree: Record<string, unknown>, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);

describe('built-in tasks', () => {
  it('are the ones the issue names, in order', () => {
    expect(BUILTIN_TASKS.map((t) => t.name)).toEqual([
      'lesson',
      'and',
      'or',
      'nand',
      'not',
      'implies',
      'majority',
      'smileys',
      'xor',
    ]);
  });

  it('have hidden rows of exactly their number of inputs, outputs 0 or 1, no row twice', () => {
    for (const task of BUILTIN_TASKS) {
      expect(task.hidden.length).toBeGreaterThan(1);
      for (const row of task.hidden) {
        expect([task.name, row.inputs.length]).toEqual([task.name, task.inputs]);
        expect([0, 1]).toContain(row.output);
      }
      const keys = task.hidden.map((row) => row.inputs.join());
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('are all learnable by one neuron except xor', () => {
    for (const task of BUILTIN_TASKS) {
      const separable = isLinearlySeparable(task.hidden, { bias: false, activation: 'sigmoid' });
      expect([task.name, separable]).toEqual([task.name, task.name !== 'xor']);
    }
  });

  it('computes the truth tables: and, implies and majority', () => {
    const outputs = (name: string) => findBuiltinTask(name)?.hidden.map((row) => row.output);
    expect(outputs('and')).toEqual([0, 0, 0, 1]);
    expect(outputs('implies')).toEqual([1, 1, 0, 1]);
    expect(outputs('majority')).toEqual([0, 0, 0, 1, 0, 1, 1, 1]);
    expect(findBuiltinTask('MAJORITY')?.hidden[3]?.inputs).toEqual([0, 1, 1, 1]);
  });

  it('hide smileys that are not among the example smileys training rows', () => {
    const training = new Set(EXAMPLES.find((e) => e.name === 'smileys')?.rows.map((r) => r.inputs.join()));
    for (const row of findBuiltinTask('smileys')?.hidden ?? [])
      expect(training.has(row.inputs.join())).toBe(false);
  });

  it('have a title and a statement in both languages, and only xor, unlearnable, an explanation', () => {
    for (const language of ['en', 'ru'] as const) {
      const locale = readLocale(language);
      for (const task of BUILTIN_TASKS) {
        expect(typeof lookup(locale, `exercise.tasks.${task.name}.title`)).toBe('string');
        expect(typeof lookup(locale, `exercise.tasks.${task.name}.statement`)).toBe('string');
      }
      expect(typeof lookup(locale, 'exercise.tasks.xor.explanation')).toBe('string');
    }
    expect(BUILTIN_TASKS.filter((t) => t.unlearnable).map((t) => t.name)).toEqual(['xor']);
  });

  it('are found by name in any letter case, with spaces around it', () => {
    expect(findBuiltinTask(' And ')?.name).toBe('and');
    expect(findBuiltinTask('nor')).toBeUndefined();
  });

  it('cannot be changed by a caller', () => {
    const hidden = (findBuiltinTask('and')?.hidden ?? []) as unknown as { output: number }[];
    expect(() => hidden.push({ output: 1 })).toThrow(TypeError);
    expect(() => {
      (hidden[0] as { output: number }).output = 1;
    }).toThrow(TypeError);
  });
});
