import type { RandomState } from './types.js';

const N = 624;
const M = 397;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const MATRIX_A = 0x9908b0df;

/** The largest seed numpy's legacy generator accepts, 2^32 - 1; seeds run from 0 to this. */
export const MAX_SEED = 4_294_967_295;

/** Throws a RangeError unless `seed` is an integer from 0 to MAX_SEED. */
export function assertSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`seed must be an integer from 0 to ${MAX_SEED}, got ${seed}`);
  }
}

/**
 * numpy's legacy `RandomState` (MT19937) for an integer seed: `new NumpyRandom(s).random()` gives the same
 * doubles as `np.random.seed(s); np.random.random()`, and `standardNormal()` the same as `standard_normal()`.
 */
export class NumpyRandom {
  readonly #state = new Uint32Array(N);
  #index = N;
  #gauss: number | undefined;

  constructor(seed: number) {
    assertSeed(seed);
    const mt = this.#state;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const previous = mt[i - 1] as number;
      mt[i] = Math.imul(1812433253, previous ^ (previous >>> 30)) + i;
    }
  }

  /** A generator continuing from a saved state. RangeError when the state is not one a generator had. */
  static restore(state: RandomState): NumpyRandom {
    const { key, index, gauss } = state;
    const valid = key.length === N && key.every((k) => Number.isInteger(k) && k >= 0 && k <= MAX_SEED);
    if (!valid || !Number.isInteger(index) || index < 0 || index > N) {
      throw new RangeError('not a saved MT19937 state');
    }
    const random = new NumpyRandom(0);
    random.#state.set(key);
    random.#index = index;
    random.#gauss = gauss;
    return random;
  }

  /** The state to continue from later (plain JSON). */
  save(): RandomState {
    const state: RandomState = { key: Array.from(this.#state), index: this.#index };
    if (this.#gauss !== undefined) state.gauss = this.#gauss;
    return state;
  }

  /** The next 32-bit word of the generator (genrand_int32). */
  nextUint32(): number {
    if (this.#index >= N) this.#twist();
    let y = this.#state[this.#index++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) with 53 random bits, as numpy's `random_sample`. */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * A standard normal value as numpy's legacy `standard_normal` draws it (legacy_gauss): the polar method
   * on pairs of `2 * random() - 1`, handing out f * x2 and keeping f * x1 for the next call.
   */
  standardNormal(): number {
    if (this.#gauss !== undefined) {
      const cached = this.#gauss;
      this.#gauss = undefined;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.random() - 1;
      x2 = 2 * this.random() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.#gauss = f * x1;
    return f * x2;
  }

  // Three loops instead of one with (i + 1) % N and (i + M) % N: the genetic algorithm draws a lot.
  #twist(): void {
    const mt = this.#state;
    const mix = (i: number, next: number, far: number) => {
      const y = ((mt[i] as number) & UPPER_MASK) | ((mt[next] as number) & LOWER_MASK);
      mt[i] = (mt[far] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    };
    let i = 0;
    for (; i < N - M; i++) mix(i, i + 1, i + M);
    for (; i < N - 1; i++) mix(i, i + 1, i + M - N);
    mix(N - 1, 0, M - 1);
    this.#index = 0;
  }
}

/** The lesson's starting weights: `np.random.seed(seed); 2 * np.random.random((count, 1)) - 1`, flattened. */
export function drawInitialWeights(seed: number, count: number): number[] {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number, got ${count}`);
  const random = new NumpyRandom(seed);
  return Array.from({ length: count }, () => 2 * random.random() - 1);
}
