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
 * doubles as `np.random.seed(s); np.random.random()`.
 */
export class NumpyRandom {
  readonly #state = new Uint32Array(N);
  #index = N;

  constructor(seed: number) {
    assertSeed(seed);
    const mt = this.#state;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const previous = mt[i - 1] as number;
      mt[i] = Math.imul(1812433253, previous ^ (previous >>> 30)) + i;
    }
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

  #twist(): void {
    const mt = this.#state;
    for (let i = 0; i < N; i++) {
      const y = ((mt[i] as number) & UPPER_MASK) | ((mt[(i + 1) % N] as number) & LOWER_MASK);
      mt[i] = (mt[(i + M) % N] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
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
