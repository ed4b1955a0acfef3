import { describe, expect, it } from 'vitest';
import { createLruCache } from '../../src/storage/lru-cache.js';

describe('createLruCache', () => {
  it('takes a limit of one entry or more, and refuses any other naming it', () => {
    const one = createLruCache<number>(1);
    one.set('a', 1);
    one.set('b', 2);
    expect([one.get('a'), one.get('b'), one.size]).toEqual([undefined, 2, 1]);
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      expect(() => createLruCache(limit)).toThrow(
        new RangeError(`Cache limit must be a positive integer, got ${limit}`),
      );
    }
  });

  it('drops the least recently used beyond its entry limit', () => {
    const cache = createLruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
  });

  it('drops the least recently used beyond its weight, weighs an entry again when set again, keeps the newest', () => {
    const cache = createLruCache<{ bytes: number }>(100, { max: 10, weigh: (value) => value.bytes });
    const a = { bytes: 4 };
    cache.set('a', a);
    cache.set('b', { bytes: 4 });
    expect(cache.weight).toBe(8);
    a.bytes = 1;
    cache.set('a', a);
    expect(cache.weight).toBe(5);
    cache.set('c', { bytes: 5 });
    expect(cache.size).toBe(3);
    cache.set('d', { bytes: 3 });
    // 13 > 10: the least recently used, b (4), goes first; 9 then fits.
    expect([cache.get('a'), cache.get('b')]).toEqual([a, undefined]);
    expect(cache.weight).toBe(9);
    cache.set('huge', { bytes: 50 });
    expect(cache.size).toBe(1);
    expect(cache.get('huge')).toEqual({ bytes: 50 });
    cache.delete('huge');
    expect([cache.size, cache.weight]).toEqual([0, 0]);
  });
});
