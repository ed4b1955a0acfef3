import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/files/decode-text.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('decodeText', () => {
  it('reads UTF-8 with and without a byte order mark', () => {
    expect(decodeText(utf8('температура;y\n1;0'))).toEqual({
      ok: true,
      text: 'температура;y\n1;0',
      encoding: 'utf-8',
    });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('a;y')]);
    expect(decodeText(withBom)).toEqual({ ok: true, text: 'a;y', encoding: 'utf-8' });
  });

  it('reads Windows-1251 (Russian Excel) when the bytes are not UTF-8', () => {
    // "Температура" in Windows-1251.
    const cp1251 = bytes(0xd2, 0xe5, 0xec, 0xef, 0xe5, 0xf0, 0xe0, 0xf2, 0xf3, 0xf0, 0xe0, 0x3b, 0x79);
    expect(decodeText(cp1251)).toEqual({ ok: true, text: 'Температура;y', encoding: 'windows-1251' });
  });

  it('reads UTF-16 with a byte order mark (Excel "Unicode text")', () => {
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from('a\tb\n1\t0', 'utf16le')]);
    expect(decodeText(le)).toEqual({ ok: true, text: 'a\tb\n1\t0', encoding: 'utf-16le' });
    const be = new Uint8Array([0xfe, 0xff, ...Buffer.from('a\tb\n1\t0', 'utf16le').swap16()]);
    expect(decodeText(be)).toEqual({ ok: true, text: 'a\tb\n1\t0', encoding: 'utf-16be' });
  });

  it('refuses UTF-16 that holds control characters or is not UTF-16 at all', () => {
    const withNul = new Uint8Array([0xff, 0xfe, ...Buffer.from('0,1\u00000', 'utf16le')]);
    expect(decodeText(withNul)).toEqual({ ok: false, reason: 'binary' });
    // A high surrogate with no low one after it.
    expect(decodeText(bytes(0xff, 0xfe, 0x30, 0x00, 0x00, 0xd8))).toEqual({ ok: false, reason: 'binary' });
  });

  it('keeps old Mac line ends and form feeds as text', () => {
    expect(decodeText(utf8('0,1\r1,0\f'))).toEqual({ ok: true, text: '0,1\r1,0\f', encoding: 'utf-8' });
  });

  it('reads a Windows-1251 file that starts with a byte of a byte order mark as Windows-1251', () => {
    // "яблоко;1": 0xff is "я", as 0xff is the first byte of UTF-16's mark; 0xef is "п", as in UTF-8's.
    const apple = bytes(0xff, 0xe1, 0xeb, 0xee, 0xea, 0xee, 0x3b, 0x31);
    expect(decodeText(apple)).toEqual({ ok: true, text: 'яблоко;1', encoding: 'windows-1251' });
    const pi = bytes(0xef, 0xe8, 0x3b, 0x31);
    expect(decodeText(pi)).toEqual({ ok: true, text: 'пи;1', encoding: 'windows-1251' });
  });

  it.each([
    ['an empty file', bytes(), 'empty'],
    ['a PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'binary'],
    ['a JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0x00), 'binary'],
    ['a PDF', utf8('%PDF-1.7\n1 0 obj'), 'binary'],
    ['an .xlsx workbook', bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00), 'spreadsheet'],
    ['an .xls workbook', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1), 'spreadsheet'],
    ['text with a NUL byte', utf8('0,1\u00000,1'), 'binary'],
    ['other control bytes', bytes(0x30, 0x2c, 0x01, 0x02, 0x31), 'binary'],
  ])('refuses %s', (_, input, reason) => {
    expect(decodeText(input)).toEqual({ ok: false, reason });
  });
});
