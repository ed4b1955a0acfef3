import { NumpyRandom } from '../../src/core/numpy-random.js';
import type { Row } from '../../src/core/types.js';
import type { FakeChat, FakeMessage, FakeUser } from '../../src/dev/fake-bot-api.js';
import type { TestBot } from './test-bot.js';

export interface SentFile {
  file_name: string;
  bytes: Uint8Array | string;
  mime_type?: string;
  caption?: string;
  reply_to_message?: FakeMessage;
}

/** Sends a document as the user and resolves with the bot's next message in the chat. */
export function sendFile(bot: TestBot, user: FakeUser, chat: FakeChat, file: SentFile): Promise<FakeMessage> {
  const bytes = typeof file.bytes === 'string' ? Buffer.from(file.bytes, 'utf8') : file.bytes;
  bot.api.uploadDocument(chat, user, { ...file, bytes });
  return bot.api.waitForMessage(chat.id);
}

/** `count` rows of `inputs` inputs with two decimals in -1…1 and outputs 0 or 1, from numpy's generator. */
export function randomRows(count: number, inputs: number, seed: number): Row[] {
  const random = new NumpyRandom(seed);
  // `|| 0` turns -0 into 0: a spreadsheet writes both as 0.
  const value = () => Math.round((random.random() * 2 - 1) * 100) / 100 || 0;
  return Array.from({ length: count }, () => ({
    inputs: Array.from({ length: inputs }, value),
    output: random.random() < 0.5 ? 0 : 1,
  }));
}

export interface CsvStyle {
  separator: string;
  decimalComma?: boolean;
  lineEnd?: string;
  header?: string[];
}

/** Rows as a spreadsheet would write them. */
export function toCsv(rows: readonly Row[], style: CsvStyle): string {
  const number = (n: number) => (style.decimalComma ? String(n).replace('.', ',') : String(n));
  const lines = rows.map((row) => [...row.inputs, row.output].map(number).join(style.separator));
  const end = style.lineEnd ?? '\n';
  return [...(style.header ? [style.header.join(style.separator)] : []), ...lines].join(end) + end;
}

/** Text in Windows-1251, as Russian Excel saves "CSV (comma delimited)": ASCII and Cyrillic only. */
export function encodeWindows1251(text: string): Uint8Array {
  return Uint8Array.from(Array.from(text), (char) => {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    if (code === 0x401) return 0xa8;
    if (code === 0x451) return 0xb8;
    throw new RangeError(`no Windows-1251 byte for ${char}`);
  });
}
