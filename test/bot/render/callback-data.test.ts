import { describe, expect, it } from 'vitest';
import { decodeButton, encodeButton } from '../../../src/bot/callback-data.js';

describe('encodeButton', () => {
  it('writes code|owner|argument, with an empty argument by default', () => {
    expect(encodeButton('tr', 42)).toBe('tr|42|');
    expect(encodeButton('xr', 7_000_000_001, 'run-1.a:b_c')).toBe('xr|7000000001|run-1.a:b_c');
  });

  it("takes up to Telegram's 64 bytes and throws a RangeError beyond, counting bytes, not characters", () => {
    // 'ab|1|' is 5 bytes.
    expect(encodeButton('ab', 1, 'a'.repeat(59))).toHaveLength(64);
    expect(() => encodeButton('ab', 1, 'a'.repeat(60))).toThrow(RangeError);
    // 30 Cyrillic letters: 35 characters, 65 bytes.
    expect(() => encodeButton('ab', 1, 'д'.repeat(30))).toThrow(RangeError);
  });
});

describe('decodeButton', () => {
  it('reads back what encodeButton wrote', () => {
    for (const [code, owner, argument] of [
      ['tr', 42, ''],
      ['a', 0, 'x'],
      ['abcd', 123_456_789_012, 'run-1.a:b_c'],
      ['sh', 5, 'Z'.repeat(40)],
    ] as const) {
      expect(decodeButton(encodeButton(code, owner, argument))).toEqual({ code, owner, argument });
    }
  });

  it.each([
    ['nothing', ''],
    ['a code alone', 'tr'],
    ['no argument part', 'tr|1'],
    ['an empty code', '|1|'],
    ['a code of capitals', 'TR|1|'],
    ['a code of five letters', 'abcde|1|'],
    ['a code with a digit', 't1|1|'],
    ['an empty owner', 'tr||'],
    ['a negative owner', 'tr|-1|'],
    ['a fractional owner', 'tr|1.5|'],
    ['an owner of 21 digits', `tr|${'1'.repeat(21)}|`],
    ['an argument of 41 characters', `tr|1|${'a'.repeat(41)}`],
    ['an argument with a space', 'tr|1|a b'],
    ['an argument with a bar', 'tr|1|a|b'],
    ['an argument with a letter outside ASCII', 'tr|1|é'],
    ['anything before the code', ' tr|1|'],
    ['anything after the argument', 'tr|1|a\n'],
  ])('gives undefined for %s', (_, data) => {
    expect(decodeButton(data)).toBeUndefined();
  });

  it('takes the longest parts it allows: a four-letter code, a 20-digit owner, a 40-character argument', () => {
    const owner = '9'.repeat(20);
    expect(decodeButton(`abcd|${owner}|${'a'.repeat(40)}`)).toEqual({
      code: 'abcd',
      owner: Number(owner),
      argument: 'a'.repeat(40),
    });
  });
});
