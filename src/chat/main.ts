import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { config as loadDotenv } from 'dotenv';
import { createApp } from '../app.js';
import { languageFromTelegram } from '../bot/middleware/locale.js';
import { parseConfig } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { startFakeBotApi } from '../dev/fake-bot-api.js';
import { createTerminalPrinter } from './terminal-printer.js';

/**
 * `npm run chat`: the real bot against a local fake Telegram, in this terminal, with no token.
 * Type as a user; a number presses the button with that number. Data lives in a temporary folder.
 */
loadDotenv({ quiet: true });
const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
const config = parseConfig(env, { requireToken: false });
const api = await startFakeBotApi();
const dataDir = mkdtempSync(join(tmpdir(), 'perceptron-chat-'));
const app = createApp(
  { ...config, dataDir, botToken: api.token, telegramApiRoot: api.apiRoot },
  createLogger({ level: config.logLevel, destination: process.stderr }),
);
await app.start();

const languageArg = process.argv.find((arg) => arg.startsWith('--lang='))?.slice('--lang='.length);
const language = languageFromTelegram(languageArg ?? process.env.LANG, config.defaultLanguage);
const user = api.user(1001, { language_code: language, first_name: 'Student' });
const chat = api.privateChat(user);
const printer = createTerminalPrinter(api, chat.id, { colors: process.stdout.isTTY === true });
const settle = async () => {
  await api.waitForIdle(60_000);
  await app.deps.background.idle();
  await api.waitForIdle(60_000);
  printer.flush();
};

console.log(
  language === 'ru'
    ? 'Чат с ботом. Число нажимает кнопку, «file путь» отправляет файл, Ctrl+D — выход.'
    : 'Chatting with the bot. A number presses a button, "file PATH" sends a document; Ctrl+D quits.',
);
const interactive = process.stdin.isTTY === true;
const input = createInterface({
  input: process.stdin,
  ...(interactive ? { output: process.stdout } : {}),
  terminal: interactive,
});
input.setPrompt('you> ');
if (interactive) input.prompt();
for await (const line of input) {
  const text = line.trim();
  if (!interactive) console.log(`you> ${text}`);
  if (text !== '') {
    const pressed = /^\d+$/.test(text) ? printer.button(Number(text)) : undefined;
    const path = /^file\s+(.+)$/.exec(text)?.[1];
    if (pressed) api.pressButton(pressed.message, pressed.data, user);
    else if (path) sendFile(path);
    else api.sendText(chat, user, text);
    await settle();
  }
  if (interactive) input.prompt();
}
await app.stop('end of chat');

/** Sends a file from disk as a document, as a user would attach it. */
function sendFile(path: string): void {
  try {
    api.uploadDocument(chat, user, { file_name: basename(path), bytes: readFileSync(path) });
  } catch (error) {
    console.log(`(cannot read ${path}: ${error instanceof Error ? error.message : String(error)})`);
  }
}
await api.close();
rmSync(dataDir, { recursive: true, force: true });
