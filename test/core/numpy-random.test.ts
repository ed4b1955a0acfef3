import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawInitialWeights, MAX_SEED, NumpyRandom } from '../../src/core/numpy-random.js';

interface Reference {
  initialWeights: { seed: number; count: number; weights: number[] }[];
  longDraw: { seed: number; count: number; tail: number[] };
}

const reference: Reference = JSON.parse(
  readFileSync(new URL('../fixtures/numpy-reference.json', import.meta.url), 'utf8'),
);

describe('drawInitialWeights', () => {
  it.each(reference.initialWeights)(
    'gives numpy’s exact weights for seed $seed and $count numbers',
    (entry) => {
      expect(drawInitialWeights(entry.seed, entry.count)).toEqual(entry.weights);
    },
  );

  it('stays exact after the generator refills its state', () => {
    const { seed, count, tail } = reference.longDraw;
    expect(drawInitialWeights(seed, count).slice(-3)).toEqual(tail);
  });

  it('gives the lesson’s weights for seed 1', () => {
    expect(drawInitialWeights(1, 3).map((w) => w.toFixed(8))).toEqual([
      '-0.16595599',
      '0.44064899',
      '-0.99977125',
    ]);
  });

  it('accepts every seed from 0 to MAX_SEED, 2^32 - 1', () => {
    expect(MAX_SEED).toBe(2 ** 32 - 1);
    expect(drawInitialWeights(0, 1)).toHaveLength(1);
    expect(drawInitialWeights(MAX_SEED, 1)).toHaveLength(1);
  });

  it('rejects seeds numpy rejects', () => {
    for (const seed of [-1, MAX_SEED + 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => drawInitialWeights(seed, 3)).toThrow(RangeError);
    }
  });

  it('rejects a count that is not a whole number', () => {
    expect(() => drawInitialWeights(1, -1)).toThrow(RangeError);
    expect(() => drawInitialWeights(1, 2.5)).toThrow(RangeError);
  });
});

describe('NumpyRandom', () => {
  it('produces the published first word of MT19937 for the seed 5489', () => {
    expect(new NumpyRandom(5489).nextUint32()).toBe(3499211612);
  });

  it('gives doubles in [0, 1)', () => {
    const random = new NumpyRandom(0);
    for (let i = 0; i < 2000; i++) {
      const value = random.random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});
