import { describe, expect, it } from 'vitest';
import { createTokenBucket } from '../../src/telegram/token-bucket.js';

/** A clock the test moves by hand. */
function createClock() {
  let time = 0;
  const set = (ms: number): void => {
    time = ms;
  };
  return { now: () => time, set };
}

const takeAll = (bucket: { tryTake(): boolean }): number => {
  let taken = 0;
  while (bucket.tryTake()) taken += 1;
  return taken;
};

describe('a token bucket', () => {
  it('starts full: a burst, then nothing until a token has refilled', () => {
    const clock = createClock();
    const bucket = createTokenBucket({ perSecond: 1, burst: 3 }, clock.now);
    expect(takeAll(bucket)).toBe(3);
    expect(bucket.msUntilToken()).toBe(1000);
    clock.set(999);
    expect(bucket.tryTake()).toBe(false);
    expect(bucket.msUntilToken()).toBe(1);
    clock.set(1000);
    expect(bucket.msUntilToken()).toBe(0);
    expect(takeAll(bucket)).toBe(1);
  });

  it('saves up no more than its burst, however long it was quiet', () => {
    const clock = createClock();
    const bucket = createTokenBucket({ perSecond: 20 / 60, burst: 20 }, clock.now);
    expect(takeAll(bucket)).toBe(20);
    clock.set(3000);
    expect(takeAll(bucket)).toBe(1);
    clock.set(3_600_000);
    expect(bucket.tokens()).toBe(20);
    expect(takeAll(bucket)).toBe(20);
  });

  it('holds a second of tokens by default', () => {
    const clock = createClock();
    expect(takeAll(createTokenBucket({ perSecond: 30 }, clock.now))).toBe(30);
  });

  it('gives nothing while paused, then one token, refilling from the end of the pause', () => {
    const clock = createClock();
    const bucket = createTokenBucket({ perSecond: 1, burst: 3 }, clock.now);
    bucket.pauseUntil(5000);
    expect(bucket.tokens()).toBe(0);
    expect(bucket.tryTake()).toBe(false);
    expect(bucket.msUntilToken()).toBe(5000);
    clock.set(5000);
    expect(takeAll(bucket)).toBe(1);
    expect(bucket.msUntilToken()).toBe(1000);
    clock.set(7000);
    expect(takeAll(bucket)).toBe(2);
  });

  it('ignores a pause that has already ended', () => {
    const clock = createClock();
    const bucket = createTokenBucket({ perSecond: 1, burst: 3 }, clock.now);
    clock.set(10_000);
    bucket.pauseUntil(9000);
    expect(takeAll(bucket)).toBe(3);
  });

  it('never runs out at an infinite rate, except while paused', () => {
    const clock = createClock();
    const bucket = createTokenBucket({ perSecond: Number.POSITIVE_INFINITY, burst: 1 }, clock.now);
    for (let i = 0; i < 100; i++) expect(bucket.tryTake()).toBe(true);
    bucket.pauseUntil(50);
    expect(bucket.msUntilToken()).toBe(50);
    clock.set(50);
    expect(bucket.tryTake()).toBe(true);
  });

  it('gives nothing at an infinite rate until a pause has ended, as msUntilToken says', () => {
    const clock = createClock();
    const bucket = createTokenBucket({ perSecond: Number.POSITIVE_INFINITY, burst: 1 }, clock.now);
    bucket.pauseUntil(50);
    clock.set(10);
    expect(bucket.msUntilToken()).toBe(40);
    expect(bucket.tokens()).toBe(0);
    expect(bucket.tryTake()).toBe(false);
    clock.set(49);
    expect(bucket.tryTake()).toBe(false);
    clock.set(50);
    expect(bucket.msUntilToken()).toBe(0);
    for (let i = 0; i < 100; i++) expect(bucket.tryTake()).toBe(true);
  });

  it('keeps its burst after a pause that ends now, as Telegram asking for a wait of 0 seconds', () => {
    const clock = createClock();
    const bucket = createTokenBucket({ perSecond: 1, burst: 3 }, clock.now);
    clock.set(10_000);
    bucket.pauseUntil(10_000);
    expect(bucket.tokens()).toBe(3);
    expect(takeAll(bucket)).toBe(3);
  });

  it('refuses a rate or burst it cannot keep', () => {
    const clock = createClock();
    for (const perSecond of [0, -1, Number.NaN, Number.NEGATIVE_INFINITY]) {
      expect(() => createTokenBucket({ perSecond, burst: 1 }, clock.now)).toThrow(RangeError);
      expect(() => createTokenBucket({ perSecond, burst: 1 }, clock.now)).toThrow(`got ${perSecond}`);
    }
    for (const burst of [0, 0.5, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createTokenBucket({ perSecond: 1, burst }, clock.now)).toThrow(RangeError);
      expect(() => createTokenBucket({ perSecond: 1, burst }, clock.now)).toThrow(`got ${burst}`);
    }
  });

  it('takes the smallest rate and burst it can keep: any positive rate, a burst of one', () => {
    const clock = createClock();
    const bucket = createTokenBucket({ perSecond: 1e-9, burst: 1 }, clock.now);
    expect(takeAll(bucket)).toBe(1);
  });
});

describe('a token bucket at fractional times', () => {
  it('lets tryTake take whenever msUntilToken says a token is there, so no call goes without one', () => {
    const clock = createClock();
    const bucket = createTokenBucket({ perSecond: 50, burst: 3 }, clock.now);
    let taken = 0;
    for (let time = 0; time <= 10_000; time += 1) {
      clock.set(time);
      if (bucket.msUntilToken() === 0) {
        expect(bucket.tryTake()).toBe(true);
        taken += 1;
      }
    }
    // 3 at once, then one each 20 ms: never more.
    expect(taken).toBe(3 + 500);
  });
});
