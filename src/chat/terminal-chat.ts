import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { type AppOptions, createApp } from '../app.js';
import { readRunning } from '../bot/exercise/exercise-start.js';
import type { Config, Language } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import { type FakeChat, startFakeBotApi } from '../dev/fake-bot-api.js';
import type { LocaleKey } from '../i18n/locale-keys.js';
import { createClassRehearsal, type SimulatedStudent } from './class-rehearsal.js';
import { doClasswork } from './classwork.js';
import { createFilesFolder } from './files-folder.js';
import { renderHtmlForTerminal } from './render-terminal.js';
import { parseTerminalLine } from './terminal-commands.js';
import { createTerminalPrinter } from './terminal-printer.js';

export interface TerminalChatOptions {
  config: Config;
  logger: Logger;
  /** The language of the person at the terminal, as their Telegram would say it. */
  language: Language;
  /** A class rehearsal: a group with the person as its admin, and simulated students. */
  group: boolean;
  /** Where the run's folder of saved pictures and files is made (the system's temp folder). */
  filesRoot: string;
  colors: boolean;
  write: (text: string) => void;
  /** Longest wait of a typed line for background work (a training's result); later output prints as it comes. */
  backgroundWaitMs: number;
  appOptions?: AppOptions;
}

/** `npm run chat`: the real bot against a local fake Telegram, spoken to one typed line at a time. */
export interface TerminalChat {
  readonly filesFolder: string;
  /** `you> `, or in a rehearsal where the next line goes: `you@group> `. */
  prompt(): string;
  /** Does what the line asks and resolves once the bot has answered (or `backgroundWaitMs` passed). */
  handle(line: string): Promise<void>;
  close(): Promise<void>;
}

const SETTLE_MS = 60_000;

export async function startTerminalChat(options: TerminalChatOptions): Promise<TerminalChat> {
  const { config, language, write } = options;
  const api = await startFakeBotApi();
  const dataDir = mkdtempSync(join(tmpdir(), 'perceptron-chat-data-'));
  const botConfig = { ...config, dataDir, botToken: api.token, telegramApiRoot: api.apiRoot };
  const app = createApp(botConfig, options.logger, options.appOptions);
  await app.start();
  const t = app.deps.i18n.translatorFor(language);
  const show = (key: LocaleKey, vars?: Record<string, unknown>) =>
    write(renderHtmlForTerminal(t(key, vars), options.colors));
  const you = api.user(1001, {
    language_code: language,
    first_name: t(options.group ? 'terminal.names.teacher' : 'terminal.names.student'),
  });
  const ownChat = api.privateChat(you);
  const rehearsal = options.group ? createClassRehearsal(api, you, t('terminal.groupTitle')) : undefined;
  const filesFolder = createFilesFolder(options.filesRoot);
  const chats = [{ id: ownChat.id, name: 'private' }];
  if (rehearsal) chats.push({ id: rehearsal.group.id, name: 'group' });
  const printer = createTerminalPrinter(api, {
    ...options,
    chats,
    you,
    showPlace: Boolean(rehearsal),
    filesFolder,
  });
  let place: FakeChat = rehearsal?.group ?? ownChat;
  const placeName = (chat: FakeChat) => (chat.id === rehearsal?.group.id ? 'group' : 'private');
  const who = (name: string, chat: FakeChat) => (rehearsal ? `${name}@${placeName(chat)}` : name);
  const echo = (name: string, chat: FakeChat, text: string) =>
    write(`${who(name, chat)}> ${text.replaceAll('\n', '\n     ')}`);

  const settle = async () => {
    await api.waitForIdle(SETTLE_MS);
    await app.deps.background.idle(AbortSignal.timeout(options.backgroundWaitMs));
    await api.waitForIdle(SETTLE_MS);
  };
  const studentList = () =>
    (rehearsal?.students ?? [])
      .map((s) => `${s.user.first_name} (@${s.handle}, ${s.user.language_code})`)
      .join(', ');

  const press = (number: number) => {
    const shown = printer.button(number);
    if (!shown) return void api.sendText(place, you, String(number));
    const { message, button } = shown;
    if (button.callback_data !== undefined) {
      try {
        printer.watchPress(api.pressButton(message, button.callback_data, you).id);
      } catch {
        show('terminal.buttonGone', { number });
      }
      return;
    }
    // A t.me link to the bot opens the private chat with its start parameter, as Telegram does.
    const link = new URL(button.url ?? '', 'https://t.me');
    const start = link.searchParams.get('start');
    if (link.pathname !== `/${api.bot.username}` || start === null)
      return show('terminal.link', { number, url: button.url });
    echo('you', ownChat, `/start ${start}`);
    api.sendText(ownChat, you, `/start ${start}`);
  };
  const sendFile = (path: string) => {
    try {
      api.uploadDocument(place, you, { file_name: basename(path), bytes: readFileSync(path) });
    } catch (error) {
      show('terminal.cannotRead', { path, reason: error instanceof Error ? error.message : String(error) });
    }
  };
  const studentsWork = async () => {
    if (!rehearsal) return;
    const run = await readRunning(app.deps, rehearsal.group.id);
    if (!run) return show('terminal.noExercise');
    const [first, second, third] = rehearsal.students.map((s) => s.user.first_name);
    show('terminal.studentsPlan', { first, second, third });
    const say = (student: SimulatedStudent, chat: FakeChat, text: string) => {
      echo(student.handle, chat, text);
      api.sendText(chat, student.user, text);
    };
    await doClasswork({ api, rehearsal, say, settle }, run);
  };

  if (rehearsal) {
    show('terminal.welcomeGroup', { group: rehearsal.group.title, students: studentList() });
  } else show('terminal.welcome');
  show('terminal.filesFolder', { folder: filesFolder });

  return {
    filesFolder,
    prompt: () => `${who('you', place)}> `,
    async handle(line) {
      const command = parseTerminalLine(line, { group: Boolean(rehearsal) });
      if (!command) return;
      if (command.kind === 'help') {
        show('terminal.help');
        if (rehearsal) show('terminal.helpGroup', { example: 'masha', students: studentList() });
        return;
      }
      if (command.kind === 'place') {
        place = command.place === 'group' && rehearsal ? rehearsal.group : ownChat;
        return;
      }
      if (command.kind === 'press') press(command.number);
      else if (command.kind === 'file') sendFile(command.path);
      else if (command.kind === 'studentsWork') await studentsWork();
      else if (command.kind === 'speakAs') {
        const student = rehearsal?.find(command.student);
        if (!student) {
          const names = (rehearsal?.students ?? []).map((s) => `@${s.handle}`).join(', ');
          return show('terminal.unknownStudent', { name: command.student, names });
        }
        api.sendText(rehearsal?.group ?? place, student.user, command.text);
      } else api.sendText(place, you, command.text);
      await settle();
    },
    async close() {
      await app.stop('end of chat');
      printer.close();
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
