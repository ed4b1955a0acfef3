import { describe, expect, it } from 'vitest';
import { NumpyRandom } from '../../src/core/numpy-random.js';
import { isLinearlySeparable } from '../../src/core/separability.js';
import type { Row } from '../../src/core/types.js';

/** Rows for the truth table 00, 01, 10, 11, with a constant 1 column when asked. */
function truthTable(outputs: number[], constant: boolean): Row[] {
  return [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ].map((inputs, i) => ({ inputs: constant ? [...inputs, 1] : inputs, output: outputs[i] as number }));
}

const AND = [0, 0, 0, 1];
const OR = [0, 1, 1, 1];
const NAND = [1, 1, 1, 0];
const XOR = [0, 1, 1, 0];

/** Random 0/1 rows; labelled by a hidden plane through the origin, or at random. */
function randomRows(count: number, width: number, byPlane: boolean): Row[] {
  const random = new NumpyRandom(2024);
  const plane = Array.from({ length: width }, () => random.random() - 0.5);
  return Array.from({ length: count }, () => {
    const inputs = Array.from({ length: width }, (): number => (random.random() < 0.5 ? 0 : 1));
    const sum = inputs.reduce((total, value, i) => total + value * (plane[i] as number), 0);
    return { inputs, output: (byPlane ? sum > 0 : random.random() < 0.5) ? 1 : 0 };
  });
}

describe('isLinearlySeparable', () => {
  it.each([
    ['and', AND],
    ['or', OR],
    ['nand', NAND],
  ])('finds %s with a constant 1 column separable', (_name, outputs) => {
    expect(isLinearlySeparable(truthTable(outputs, true), { bias: false })).toBe(true);
  });

  it('finds xor not separable, with or without a bias', () => {
    expect(isLinearlySeparable(truthTable(XOR, true), { bias: false })).toBe(false);
    expect(isLinearlySeparable(truthTable(XOR, false), { bias: true })).toBe(false);
  });

  it('needs a bias or a constant column for and, whose boundary misses the origin', () => {
    expect(isLinearlySeparable(truthTable(AND, false), { bias: false })).toBe(false);
    expect(isLinearlySeparable(truthTable(AND, false), { bias: true })).toBe(true);
  });

  it('finds contradictory rows not separable', () => {
    const rows: Row[] = [
      { inputs: [1, 0], output: 1 },
      { inputs: [1, 0], output: 0 },
    ];
    expect(isLinearlySeparable(rows, { bias: true })).toBe(false);
  });

  it('puts an all-zero row without a bias on the side predict gives it', () => {
    const zeroIsOne: Row[] = [
      { inputs: [0, 0], output: 1 },
      { inputs: [1, 1], output: 0 },
    ];
    const zeroIsZero: Row[] = [
      { inputs: [0, 0], output: 0 },
      { inputs: [1, 1], output: 1 },
    ];
    expect(isLinearlySeparable(zeroIsOne, { bias: false })).toBe(true);
    expect(isLinearlySeparable(zeroIsZero, { bias: false })).toBe(false);
    expect(isLinearlySeparable(zeroIsOne, { bias: false, activation: 'step' })).toBe(false);
    expect(isLinearlySeparable(zeroIsZero, { bias: false, activation: 'step' })).toBe(true);
  });

  it('rejects rows of different widths', () => {
    const rows: Row[] = [
      { inputs: [1, 0], output: 1 },
      { inputs: [1], output: 0 },
    ];
    expect(() => isLinearlySeparable(rows, { bias: false })).toThrow(RangeError);
  });

  it('decides the largest allowed table, 1000 rows of 32 inputs', () => {
    expect(isLinearlySeparable(randomRows(1000, 32, true), { bias: false })).toBe(true);
    expect(isLinearlySeparable(randomRows(1000, 32, false), { bias: true })).toBe(false);
  });
});
