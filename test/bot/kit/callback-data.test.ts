import { describe, expect, it } from 'vitest';
import {
  BUTTON_CODES,
  type ButtonCode,
  decodeButton,
  encodeButton,
} from '../../../src/bot/kit/callback-data.js';

describe('BUTTON_CODES', () => {
  const codes: string[] = Object.values(BUTTON_CODES);

  it('gives every button a code of its own', () => {
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('keeps every code to one to four small letters, as decodeButton reads them', () => {
    for (const code of codes) expect(code).toMatch(/^[a-z]{1,4}$/);
  });

  it('keeps the codes of buttons already sent in chats', () => {
    expect(BUTTON_CODES).toMatchObject({ train: 'tr', stopTraining: 'st', showData: 'da', picture: 'pic' });
    expect(BUTTON_CODES).toMatchObject({
      copyShare: 'sg',
      exerciseResults: 'xr',
      setting: 'se',
      lesson: 'ls',
    });
  });
});

describe('encodeButton', () => {
  it('writes code|owner|argument, with an empty argument by default', () => {
    expect(encodeButton(BUTTON_CODES.train, 42)).toBe('tr|42|');
    expect(encodeButton(BUTTON_CODES.exerciseResults, 7_000_000_001, 'run-1.a:b_c')).toBe(
      'xr|7000000001|run-1.a:b_c',
    );
  });

  it("takes up to Telegram's 64 bytes and throws a RangeError beyond, counting bytes, not characters", () => {
    // 'tr|1|' is 5 bytes.
    expect(encodeButton(BUTTON_CODES.train, 1, 'a'.repeat(59))).toHaveLength(64);
    expect(() => encodeButton(BUTTON_CODES.train, 1, 'a'.repeat(60))).toThrow(RangeError);
    // 30 Cyrillic letters: 35 characters, 65 bytes.
    expect(() => encodeButton(BUTTON_CODES.train, 1, 'д'.repeat(30))).toThrow(RangeError);
  });

  it('throws for a code that is not in BUTTON_CODES', () => {
    expect(() => encodeButton('zz' as ButtonCode, 1)).toThrow(TypeError);
  });
});

describe('decodeButton', () => {
  it('reads back what encodeButton wrote', () => {
    for (const [code, owner, argument] of [
      [BUTTON_CODES.train, 42, ''],
      [BUTTON_CODES.stopTraining, 0, 'x'],
      [BUTTON_CODES.replay, 123_456_789_012, 'run-1.a:b_c'],
      [BUTTON_CODES.confirmShare, 5, 'Z'.repeat(40)],
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
    ['a well-formed code the bot does not make', 'zz|1|2'],
    ['a well-formed code of four letters the bot does not make', 'abcd|1|'],
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

  it('takes the longest parts it allows: a 20-digit owner, a 40-character argument', () => {
    const owner = '9'.repeat(20);
    expect(decodeButton(`pic|${owner}|${'a'.repeat(40)}`)).toEqual({
      code: 'pic',
      owner: Number(owner),
      argument: 'a'.repeat(40),
    });
  });
});
