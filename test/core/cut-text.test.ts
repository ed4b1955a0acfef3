import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutText } from '../../src/core/cut-text.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('cutText', () => {
  it('returns short text, and text of exactly max code points, unchanged', () => {
    expect(cutText('', 5)).toBe('');
    expect(cutText('0 0 1', 5)).toBe('0 0 1');
    expect(cutText('😀'.repeat(5), 5)).toBe('😀'.repeat(5));
  });

  it('cuts longer text to max code points, the last being an ellipsis', () => {
    expect(cutText('abcdef', 5)).toBe('abcd…');
    expect(cutText('abcdef', 1)).toBe('…');
  });

  it('keeps a whole emoji that ends right at the boundary', () => {
    expect(cutText(`abc😀${'x'.repeat(10)}`, 5)).toBe('abc😀…');
  });

  it('drops a whole emoji that would straddle the boundary', () => {
    expect(cutText(`abcd😀${'x'.repeat(10)}`, 5)).toBe('abcd…');
  });

  it('counts an emoji as one character, not two code units', () => {
    const text = '😀'.repeat(6);
    expect(cutText(text, 5)).toBe(`${'😀'.repeat(4)}…`);
  });

  it('cuts a text of a million emoji', () => {
    const text = '😀'.repeat(1_000_000);
    expect(cutText(text, 60)).toBe(`${'😀'.repeat(59)}…`);
  });

  it('never splits a surrogate pair and never returns more than max code points', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 80 }),
        fc.integer({ min: 1, max: 40 }),
        (text, max) => {
          const cut = cutText(text, max);
          expect(LONE_SURROGATE.test(cut)).toBe(false);
          expect(Array.from(cut).length).toBeLessThanOrEqual(max);
          if (cut !== text) expect(text.startsWith(cut.slice(0, -1))).toBe(true);
          else expect(Array.from(text).length).toBeLessThanOrEqual(max);
        },
      ),
    );
  });

  it('rejects a max that is not a whole number of at least 1, and text that is not a string', () => {
    for (const max of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => cutText('abc', max)).toThrow(RangeError);
    }
    expect(() => cutText(42 as unknown as string, 5)).toThrow(TypeError);
  });
});
