import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeBotApi, FakeMessage } from '../dev/fake-bot-api.js';
import { renderButtons, renderHtmlForTerminal } from './render-terminal.js';

const PRINTED_METHODS = new Set(['sendMessage', 'editMessageText', 'sendPhoto', 'sendAnimation']);
const MEDIA_FOLDER = join(tmpdir(), 'perceptron-chat');

/** A photo or animation as a line: where its file was saved to open, and its caption. */
function describeMedia(api: FakeBotApi, message: FakeMessage): string {
  const extension = message.photo ? 'png' : 'gif';
  mkdirSync(MEDIA_FOLDER, { recursive: true });
  const file = join(MEDIA_FOLDER, `${message.chat.id}-${message.message_id}.${extension}`);
  writeFileSync(file, api.fileBytes(message));
  return `[${extension}: ${file}]\n${message.caption ?? ''}`;
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
