import { tmpdir } from 'node:os';
import { createInterface, type Interface } from 'node:readline/promises';
import { config as loadDotenv } from 'dotenv';
import { languageFromTelegram } from '../bot/kit/middleware/locale.js';
import { parseConfig } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { createI18n } from '../i18n/i18n.js';
import { startTerminalChat } from './terminal-chat.js';

/**
 * `npm run chat [-- --group] [-- --lang=ru]`: the real bot against a local fake Telegram, in this terminal,
 * with no token. Data lives in a temporary folder; pictures and files in a folder of their own per run.
 */
loadDotenv({ quiet: true });
// The chat's members are made up: they never reach the bot's PostgreSQL, whatever .env says.
const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', DATABASE_URL: '' };
const config = parseConfig(env, { requireToken: false });
const args = process.argv.slice(2);
const languageArg = args.find((arg) => arg.startsWith('--lang='))?.slice('--lang='.length);
const language = languageFromTelegram(languageArg ?? process.env.LANG, config.defaultLanguage);
if (args.some((arg) => arg !== '--group' && !arg.startsWith('--lang='))) {
  console.error(createI18n(config.defaultLanguage).translatorFor(language)('terminal.usage'));
  process.exit(1);
}

const interactive = process.stdin.isTTY === true;
let input: Interface | undefined;
// False while a prompt stands on the screen's last line with no Enter after it: output then goes above it.
let atLineStart = true;
const clearLine = () => process.stdout.write('\r\x1b[2K');
const write = (text: string) => {
  if (atLineStart) return void console.log(text);
  clearLine();
  console.log(text);
  input?.prompt(true);
};
const chat = await startTerminalChat({
  config,
  logger: createLogger({
    level: config.logLevel,
    destination: process.stderr,
    readable: process.stderr.isTTY,
  }),
  language,
  group: args.includes('--group'),
  filesRoot: tmpdir(),
  colors: process.stdout.isTTY === true,
  write,
  // Typed by a person, the prompt comes back soon and late answers print above it; a piped script waits.
  backgroundWaitMs: interactive ? 3000 : 120_000,
});

// Made only now: it starts reading at once, and lines read before the loop below would be lost.
input = createInterface({
  input: process.stdin,
  ...(interactive ? { output: process.stdout } : {}),
  terminal: interactive,
});
input.on('line', () => {
  atLineStart = true;
});
const showPrompt = () => {
  if (!interactive) return;
  // A line typed ahead is taken at once: a prompt already standing is redrawn, not doubled.
  if (!atLineStart) clearLine();
  input?.setPrompt(chat.prompt());
  input?.prompt();
  atLineStart = false;
};
showPrompt();
for await (const line of input) {
  if (!interactive) console.log(`${chat.prompt()}${line.trim()}`);
  await chat.handle(line);
  showPrompt();
}
if (interactive) console.log();
await chat.close();
