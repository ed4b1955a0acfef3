import { describe, expect, it } from 'vitest';
import { readAskedEpochs, readEpochCount } from '../../src/core/epoch-count.js';

describe('the epochs asked for after /train or /compare', () => {
  it('are a whole number from 1 to the limit, spaces around it allowed', () => {
    expect(readEpochCount('1', 500)).toEqual({ ok: true, epochs: 1 });
    expect(readEpochCount(' 500 ', 500)).toEqual({ ok: true, epochs: 500 });
  });

  it('beyond the limit are too many, even when not whole or too big to be exact', () => {
    expect(readEpochCount('501', 500)).toEqual({ ok: false, problem: 'tooMany', epochs: 501 });
    expect(readEpochCount('500.5', 500)).toEqual({ ok: false, problem: 'tooMany', epochs: 500.5 });
    expect(readEpochCount('1e20', 500)).toEqual({ ok: false, problem: 'tooMany', epochs: 1e20 });
  });

  it('below 1 are too few', () => {
    expect(readEpochCount('0', 500)).toEqual({ ok: false, problem: 'tooFew', epochs: 0 });
    expect(readEpochCount('-3', 500)).toEqual({ ok: false, problem: 'tooFew', epochs: -3 });
  });

  it('that are not a whole number are quoted, trimmed and cut to 20 characters', () => {
    expect(readEpochCount(' 2.5 ', 500)).toEqual({ ok: false, problem: 'notWhole', token: '2.5' });
    expect(readEpochCount('many', 500)).toEqual({ ok: false, problem: 'notWhole', token: 'many' });
    expect(readEpochCount('x'.repeat(30), 500)).toEqual({
      ok: false,
      problem: 'notWhole',
      token: `${'x'.repeat(19)}…`,
    });
  });

  it('are the stored setting when none are typed, cut to a lower limit', () => {
    expect(readAskedEpochs('', 300, 500)).toEqual({ ok: true, epochs: 300 });
    expect(readAskedEpochs('  ', 800, 500)).toEqual({ ok: true, epochs: 500 });
    expect(readAskedEpochs(' 40 ', 800, 500)).toEqual({ ok: true, epochs: 40 });
    expect(readAskedEpochs('600', 300, 500)).toEqual({ ok: false, problem: 'tooMany', epochs: 600 });
  });
});
