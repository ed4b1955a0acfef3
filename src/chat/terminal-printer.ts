import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { FakeBotApi, FakeMessage } from '../dev/fake-bot-api.js';
import { renderButtons, renderHtmlForTerminal } from './render-terminal.js';

const PRINTED_METHODS = new Set([
  'sendMessage',
  'editMessageText',
  'sendPhoto',
  'sendAnimation',
  'sendDocument',
]);
const MEDIA_FOLDER = join(tmpdir(), 'perceptron-chat');

/** A photo, animation or document as a line: where its file was saved to open, and its caption. */
function describeMedia(api: FakeBotApi, message: FakeMessage): string {
  const kind = message.photo ? 'png' : message.document ? 'file' : 'gif';
  const name = message.document?.file_name ?? `${message.chat.id}-${message.message_id}.${kind}`;
  const folder = join(MEDIA_FOLDER, String(message.message_id));
  mkdirSync(folder, { recursive: true });
  const file = join(folder, basename(name));
  writeFileSync(file, api.fileBytes(message));
  return `[${kind}: ${file}]\n${message.caption ?? ''}`;
}

export interface TerminalPrinter {
  /** Prints what the bot sent or edited since the last call. */
  flush(): void;
  /** The button with this number on the latest message that has buttons. */
  button(n: number): { message: FakeMessage; data: string } | undefined;
}

/** Follows the bot's calls to one chat and prints each new message, and each edit, once. */
export function createTerminalPrinter(
  api: FakeBotApi,
  chatId: number,
  options: { colors: boolean },
): TerminalPrinter {
  let seenCalls = 0;
  let latestWithButtons: FakeMessage | undefined;
  const print = (label: string, message: FakeMessage) => {
    const text = renderHtmlForTerminal(message.text ?? describeMedia(api, message), options.colors);
    const rows = message.reply_markup?.inline_keyboard ?? [];
    console.log(`${label}> ${text.replaceAll('\n', '\n     ')}`);
    if (rows.length > 0) {
      console.log(`     ${renderButtons(rows).replaceAll('\n', '\n     ')}`);
      latestWithButtons = message;
    }
  };
  const timer = setInterval(() => printer.flush(), 200);
  timer.unref();
  const printer: TerminalPrinter = {
    flush() {
      const calls = api.calls.slice(seenCalls);
      seenCalls = api.calls.length;
      for (const call of calls) {
        // A multipart call (a photo) carries chat_id as text.
        if (Number(call.payload.chat_id) !== chatId || call.answer?.ok !== true) continue;
        if (!PRINTED_METHODS.has(call.method)) continue;
        const message = call.answer.result as FakeMessage;
        print(call.method === 'editMessageText' ? 'bot (edited)' : 'bot', message);
      }
    },
    button(n) {
      const buttons = latestWithButtons ? api.buttons(latestWithButtons) : [];
      const chosen = buttons[n - 1];
      return latestWithButtons && chosen?.callback_data
        ? { message: latestWithButtons, data: chosen.callback_data }
        : undefined;
    },
  };
  return printer;
}
