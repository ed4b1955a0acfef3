import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppOptions, createApp } from '../app.js';
import type { Config, Language } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import { type FakeChat, type FakeUser, startFakeBotApi } from '../dev/fake-bot-api.js';
import { signInitData } from '../dev/sign-init-data.js';
import { TELEGRAM_STAND_IN } from '../dev/telegram-stand-in.js';
import type { LocaleKey } from '../i18n/locale-keys.js';
import { formatGroupStartParam } from '../miniapp-api/api-schema.js';
import { createClassRehearsal } from './class-rehearsal.js';
import { createFilesFolder } from './files-folder.js';
import { renderHtmlForTerminal } from './render-terminal.js';
import { pressButton, sendFile, speakAs, studentsWork, type TerminalScene } from './terminal-actions.js';
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
/** The Mini App's short name in the terminal chat, so that the group's [Open] links can be followed too. */
const TERMINAL_APP_NAME = 'app';

/** A port no program listens on now, on 127.0.0.1. */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The page for the person at the terminal, as Telegram would open it: initData signed with the fake's
 * token in the address's fragment (`#tgWebAppData=`), where the stand-in script reads it. Valid a day.
 */
export function appLink(publicUrl: string, token: string, you: FakeUser, startParam?: string): string {
  const initData = signInitData(token, {
    user: {
      id: you.id,
      first_name: you.first_name,
      ...(you.language_code ? { language_code: you.language_code } : {}),
    },
    ...(startParam ? { start_param: startParam } : {}),
  });
  const fragment = new URLSearchParams({
    tgWebAppData: initData,
    tgWebAppVersion: '7.0',
    tgWebAppPlatform: 'web',
  });
  return `${publicUrl}/app/#${fragment.toString()}`;
}

export async function startTerminalChat(options: TerminalChatOptions): Promise<TerminalChat> {
  const { config, language, write } = options;
  const api = await startFakeBotApi();
  const dataDir = mkdtempSync(join(tmpdir(), 'perceptron-chat-data-'));
  // The Mini App on this machine only, opened in a desktop browser with a stand-in for Telegram's script.
  const appPort = await findFreePort();
  const publicUrl = `http://127.0.0.1:${appPort}`;
  const botConfig = {
    ...config,
    dataDir,
    botToken: api.token,
    telegramApiRoot: api.apiRoot,
    miniApp: { publicUrl, shortName: TERMINAL_APP_NAME, port: appPort },
  };
  const app = createApp(botConfig, options.logger, {
    ...options.appOptions,
    miniApp: { host: '127.0.0.1', dev: { standIn: TELEGRAM_STAND_IN }, ...options.appOptions?.miniApp },
  });
  await app.start();
  const t = app.deps.i18n.translatorFor(language);
  const show = (key: LocaleKey, vars?: Record<string, unknown>) =>
    write(renderHtmlForTerminal(t(key, vars), options.colors));
  const role = options.group ? 'terminal.names.teacher' : 'terminal.names.student';
  const you = api.user(1001, { language_code: language, first_name: t(role) });
  const ownChat = api.privateChat(you);
  const rehearsal = options.group ? createClassRehearsal(api, you, t('terminal.groupTitle')) : undefined;
  const filesFolder = createFilesFolder(options.filesRoot);
  const chats = [{ id: ownChat.id, name: 'private' }];
  if (rehearsal) chats.push({ id: rehearsal.group.id, name: 'group' });
  const showPlace = rehearsal !== undefined;
  const printer = createTerminalPrinter(api, { ...options, chats, you, showPlace, filesFolder });
  let place: FakeChat = rehearsal?.group ?? ownChat;
  const who = (name: string, chat: FakeChat) =>
    showPlace ? `${name}@${chat.type === 'private' ? 'private' : 'group'}` : name;
  const scene: TerminalScene = {
    api,
    app,
    printer,
    you,
    ownChat,
    rehearsal,
    place: () => place,
    show,
    appLink: (startParam) => appLink(publicUrl, api.token, you, startParam),
    echo: (name, chat, text) => write(`${who(name, chat)}> ${text.replaceAll('\n', '\n     ')}`),
    async settle() {
      await api.waitForIdle(SETTLE_MS);
      await app.deps.background.idle(AbortSignal.timeout(options.backgroundWaitMs));
      await api.waitForIdle(SETTLE_MS);
    },
  };
  const students = (rehearsal?.students ?? [])
    .map((s) => `${s.user.first_name} (@${s.handle}, ${s.user.language_code})`)
    .join(', ');
  if (rehearsal) show('terminal.welcomeGroup', { group: rehearsal.group.title, students });
  else show('terminal.welcome');
  show('terminal.filesFolder', { folder: filesFolder });
  show('terminal.appLink', { url: scene.appLink() });
  if (rehearsal)
    show('terminal.appLinkGroup', { url: scene.appLink(formatGroupStartParam(rehearsal.group.id)) });

  return {
    filesFolder,
    prompt: () => `${who('you', place)}> `,
    async handle(line) {
      const command = parseTerminalLine(line, { group: showPlace });
      if (!command) return;
      if (command.kind === 'help') {
        show('terminal.help');
        if (rehearsal) show('terminal.helpGroup', { example: 'masha', students });
        return;
      }
      if (command.kind === 'place') {
        place = command.place === 'group' ? (rehearsal?.group ?? ownChat) : ownChat;
        return;
      }
      if (command.kind === 'press') pressButton(scene, command.number);
      else if (command.kind === 'file') sendFile(scene, command.path);
      else if (command.kind === 'speakAs') speakAs(scene, command.student, command.text);
      else if (command.kind === 'studentsWork') await studentsWork(scene);
      else api.sendText(place, you, command.text);
      await scene.settle();
    },
    async close() {
      await app.stop('end of chat');
      printer.close();
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
