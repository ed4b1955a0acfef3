/**
 * Turns the bytes of a document into text, or says why they are not text.
 *
 * Encodings: UTF-8 with or without a byte order mark; UTF-16 with a byte order mark (Excel's "Unicode
 * text"); anything that is not valid UTF-8 is read as Windows-1251, which is what Russian Excel writes
 * for "CSV (comma delimited)". Bytes that cannot be text (a NUL byte, the start of a picture, an archive,
 * a PDF, other control characters) are refused before any reading.
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251';

export type DecodeFailure =
  | 'empty'
  /** An .xlsx or .xls workbook: the person should save it as CSV. */
  | 'spreadsheet'
  /** A picture, a PDF, an archive or any other binary file. */
  | 'binary';

export type DecodeResult =
  | { ok: true; text: string; encoding: TextEncoding }
  | { ok: false; reason: DecodeFailure };

const SIGNATURES: Array<[DecodeFailure, number[]]> = [
  ['spreadsheet', [0x50, 0x4b, 0x03, 0x04]], // zip: .xlsx, .ods
  ['spreadsheet', [0xd0, 0xcf, 0x11, 0xe0]], // OLE: .xls
  ['binary', [0x89, 0x50, 0x4e, 0x47]], // PNG
  ['binary', [0xff, 0xd8, 0xff]], // JPEG
  ['binary', [0x47, 0x49, 0x46, 0x38]], // GIF
  ['binary', [0x25, 0x50, 0x44, 0x46]], // PDF
  ['binary', [0x52, 0x49, 0x46, 0x46]], // RIFF: WebP, WAV
  ['binary', [0x1f, 0x8b]], // gzip
];

/** Decodes a document's bytes; never throws. */
export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  const signature = SIGNATURES.find(([, magic]) => magic.every((byte, i) => bytes[i] === byte));
  if (signature) return { ok: false, reason: signature[0] };
  const utf16 = readUtf16(bytes);
  if (utf16) return utf16;
  if (hasControlCodes(bytes)) return { ok: false, reason: 'binary' };
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { ok: true, text: new TextDecoder('windows-1251').decode(body), encoding: 'windows-1251' };
  }
}

function readUtf16(bytes: Uint8Array): DecodeResult | undefined {
  const encoding = startsWith(bytes, [0xff, 0xfe])
    ? 'utf-16le'
    : startsWith(bytes, [0xfe, 0xff])
      ? 'utf-16be'
      : undefined;
  if (!encoding) return undefined;
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2));
    const codes = Array.from(text, (char) => char.charCodeAt(0));
    return hasControlCodes(codes) ? { ok: false, reason: 'binary' } : { ok: true, text, encoding };
  } catch {
    return { ok: false, reason: 'binary' };
  }
}

/** NUL or other control bytes than tab, line ends and form feed: text editors never write them. */
function hasControlCodes(codes: ArrayLike<number>): boolean {
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as number;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) return true;
  }
  return false;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}
