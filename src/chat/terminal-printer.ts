import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FakeBotApi, FakeCall, FakeMessage, FakeUser } from '../dev/fake-bot-api.js';
import { type ButtonNumbers, createButtonNumbers, type ShownButton } from './button-numbers.js';
import { renderButtons, renderHtmlForTerminal } from './render-terminal.js';

const PRINTED_METHODS = new Set([
  'sendMessage',
  'editMessageText',
  'sendPhoto',
  'sendAnimation',
  'sendDocument',
]);

/** A chat whose messages are printed; its name labels them (`bot@group`) and the files saved from it. */
export interface FollowedChat {
  id: number;
  name: string;
}

export interface PrinterOptions {
  chats: readonly FollowedChat[];
  /** The person at the terminal: the bot's replies to anyone else say whom they answer. */
  you: FakeUser;
  /** Labels messages with their chat's name, when there is more than one chat to tell apart. */
  showPlace: boolean;
  colors: boolean;
  filesFolder: string;
  write: (text: string) => void;
}

export interface TerminalPrinter {
  /** The button printed with this number, on any message so far. */
  button(number: number): ShownButton | undefined;
  /** Prints the bot's answer (a notice, an alert) to this press when it comes. */
  watchPress(callbackQueryId: string): void;
  /** Stops printing. */
  close(): void;
}

/** Saves a photo, animation or document to the run's folder; the line says where, then the caption. */
function saveMedia(api: FakeBotApi, message: FakeMessage, chat: FollowedChat, folder: string): string {
  const kind = message.photo ? 'png' : message.document ? 'file' : 'gif';
  const prefix = `${chat.name}-${message.message_id}`;
  const name = message.document?.file_name
    ? `${prefix}-${basename(message.document.file_name)}`
    : `${prefix}.${kind}`;
  const file = join(folder, name);
  writeFileSync(file, api.fileBytes(message));
  return `[${kind}: ${file}]\n${message.caption ?? ''}`;
}

/**
 * Prints each message the bot sends to the followed chats, and each edit, as its call is answered: also
 * what comes later (a training's result, the board's next edit) shows up without a key press.
 */
export function createTerminalPrinter(api: FakeBotApi, options: PrinterOptions): TerminalPrinter {
  const numbers: ButtonNumbers = createButtonNumbers();
  const watched = new Set<string>();

  const label = (chat: FollowedChat, message: FakeMessage, edited: boolean) => {
    const place = options.showPlace ? `@${chat.name}` : '';
    const to = message.reply_to_message?.from;
    const addressee = to && !to.is_bot && to.id !== options.you.id ? ` → ${to.first_name}` : '';
    return `bot${place}${addressee}${edited ? ' (edited)' : ''}`;
  };
  const printMessage = (chat: FollowedChat, message: FakeMessage, edited: boolean) => {
    const body = message.text ?? saveMedia(api, message, chat, options.filesFolder);
    const lines = [`${label(chat, message, edited)}> ${renderHtmlForTerminal(body, options.colors)}`];
    const rows = numbers.numberRows(message);
    if (rows.length > 0) lines.push(renderButtons(rows));
    options.write(lines.join('\n').replaceAll('\n', '\n     '));
  };
  const printCall = (call: FakeCall) => {
    if (call.answer?.ok !== true) return;
    if (call.method === 'answerCallbackQuery') {
      const id = String(call.payload.callback_query_id);
      if (watched.delete(id) && typeof call.payload.text === 'string') {
        const kind = call.payload.show_alert === true ? 'alert' : 'notice';
        options.write(`bot (${kind})> ${renderHtmlForTerminal(call.payload.text, options.colors)}`);
      }
      return;
    }
    // A multipart call (a photo) carries chat_id as text.
    const chat = options.chats.find((c) => c.id === Number(call.payload.chat_id));
    if (!chat || !PRINTED_METHODS.has(call.method)) return;
    printMessage(chat, call.answer.result as FakeMessage, call.method === 'editMessageText');
  };

  const stop = api.onCall(printCall);
  return {
    button: (number) => numbers.find(number),
    watchPress: (id) => watched.add(id),
    close: () => stop(),
  };
}
