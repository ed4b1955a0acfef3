import { describe, expect, it } from 'vitest';
import { createSendWindow } from '../../src/telegram/send-window.js';

function createClock() {
  let time = 0;
  return {
    now: () => time,
    set: (ms: number) => {
      time = ms;
    },
  };
}

const takeAll = (window: { tryTake(): boolean }): number => {
  let taken = 0;
  while (window.tryTake()) taken += 1;
  return taken;
};

describe("a group's send window", () => {
  it('takes its whole limit at once, then nothing until the first call is a window old', () => {
    const clock = createClock();
    const window = createSendWindow(20, 60_000, clock.now);
    expect(takeAll(window)).toBe(20);
    expect(window.msUntilToken()).toBe(60_000);
    clock.set(59_999);
    expect(window.tryTake()).toBe(false);
    clock.set(60_000);
    expect(takeAll(window)).toBe(20);
  });

  it('never allows more than the limit in any window, however the calls are spread', () => {
    const clock = createClock();
    const window = createSendWindow(20, 60_000, clock.now);
    const times: number[] = [];
    for (let t = 0; t <= 180_000; t += 500) {
      clock.set(t);
      if (window.tryTake()) times.push(t);
    }
    for (const start of times) {
      expect(times.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(20);
    }
    expect(times.length).toBe(61);
  });

  it('after a pause (a 429), gives one call at its end, then one per window / limit', () => {
    const clock = createClock();
    const window = createSendWindow(20, 60_000, clock.now);
    window.pauseUntil(5000);
    expect(window.tokens()).toBe(0);
    expect(window.msUntilToken()).toBe(5000);
    clock.set(5000);
    expect(takeAll(window)).toBe(1);
    expect(window.msUntilToken()).toBe(3000);
    clock.set(8000);
    expect(takeAll(window)).toBe(1);
  });

  it('ignores a pause that has already ended or ends now, keeping its whole limit', () => {
    const clock = createClock();
    const window = createSendWindow(20, 60_000, clock.now);
    clock.set(10_000);
    window.pauseUntil(9000);
    window.pauseUntil(10_000);
    expect(window.tokens()).toBe(20);
    expect(takeAll(window)).toBe(20);
  });

  it('refuses a limit or window it cannot keep, naming the value', () => {
    const clock = createClock();
    for (const limit of [0, -1, 1.5, Number.NaN])
      expect(() => createSendWindow(limit, 60_000, clock.now)).toThrow(`got ${limit}`);
    for (const windowMs of [0, -1, Number.NaN])
      expect(() => createSendWindow(20, windowMs, clock.now)).toThrow(`got ${windowMs}`);
    expect(takeAll(createSendWindow(1, 1, clock.now))).toBe(1);
  });
});
