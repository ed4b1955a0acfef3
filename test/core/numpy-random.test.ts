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

  it('says which seed it refuses', () => {
    expect(() => new NumpyRandom(-1)).toThrow(
      new RangeError('seed must be an integer from 0 to 4294967295, got -1'),
    );
  });

  it('draws no numbers for a count of 0', () => {
    expect(drawInitialWeights(1, 0)).toEqual([]);
    expect(() => drawInitialWeights(1, -1)).toThrow(new RangeError('count must be a whole number, got -1'));
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
    const values = Array.from({ length: 2000 }, () => random.random());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });
});

describe('NumpyRandom state', () => {
  // Values from numpy: RandomState(seed).get_state() and set_state() with the same key and position.
  it('saves the normal numpy keeps for the next call, and hands it out after a restore', () => {
    const random = new NumpyRandom(7);
    expect(random.standardNormal()).toBe(1.690525703800356);
    const state = random.save();
    expect(state.index).toBe(8);
    expect(state.gauss).toBe(-0.4659373705408328);
    expect(state.key.slice(0, 3)).toEqual([2022286329, 1444425037, 2858264774]);
    expect(state.key.slice(-2)).toEqual([3908504629, 4033246365]);
    const restored = NumpyRandom.restore(state);
    for (const next of [-0.4659373705408328, 0.0328201636785844, 0.40751628299650783]) {
      expect(restored.standardNormal()).toBe(next);
      expect(random.standardNormal()).toBe(next);
    }
  });

  it('saves no normal when none is kept', () => {
    const random = new NumpyRandom(7);
    expect(random.save()).not.toHaveProperty('gauss');
    random.standardNormal();
    random.standardNormal();
    expect(random.save()).not.toHaveProperty('gauss');
  });

  it('continues from a state at the end of its words, which refills first', () => {
    const random = new NumpyRandom(3);
    for (let i = 0; i < 312; i++) random.random();
    const state = random.save();
    expect(state.index).toBe(624);
    const restored = NumpyRandom.restore(state);
    expect(restored.random()).toBe(0.4319253188873098);
    expect(restored.standardNormal()).toBe(0.08613522689181467);
  });

  it('accepts any position from 0 and any word up to 2^32 - 1', () => {
    const { key } = new NumpyRandom(3).save();
    expect(NumpyRandom.restore({ key, index: 0 }).random()).toBe(0.0009765955058281817);
    const zero = key.map((word, i) => (i === 5 ? 0 : word));
    expect(NumpyRandom.restore({ key: zero, index: 5 }).nextUint32()).toBe(0);
    const highest = key.map((word, i) => (i === 5 ? MAX_SEED : word));
    expect(NumpyRandom.restore({ key: highest, index: 5 }).random()).toBe(0.43701338268593237);
  });

  it('rejects a state no generator had', () => {
    const { key } = new NumpyRandom(3).save();
    const withWord = (word: number) => key.map((value, i) => (i === 5 ? word : value));
    const bad = [
      { key: key.slice(1), index: 0 },
      { key: [...key, 1], index: 0 },
      { key: withWord(-1), index: 0 },
      { key: withWord(MAX_SEED + 1), index: 0 },
      { key: withWord(1.5), index: 0 },
      { key, index: -1 },
      { key, index: 625 },
      { key, index: 2.5 },
    ];
    expect(() => NumpyRandom.restore({ key, index: -1 })).toThrow(
      new RangeError('not a saved MT19937 state'),
    );
    for (const state of bad)
      expect(() => NumpyRandom.restore(state), JSON.stringify(state.index)).toThrow(RangeError);
  });
});
