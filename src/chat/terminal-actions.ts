import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { App } from '../app.js';
import { readRunning } from '../bot/exercises/exercise-start.js';
import type { FakeBotApi, FakeChat, FakeUser } from '../dev/fake-bot-api.js';
import type { LocaleKey } from '../i18n/locale-keys.js';
import type { ClassRehearsal, SimulatedStudent } from './class-rehearsal.js';
import { doClasswork } from './classwork.js';
import type { TerminalPrinter } from './terminal-printer.js';

/** What the terminal's commands act on. */
export interface TerminalScene {
  api: FakeBotApi;
  app: App;
  printer: TerminalPrinter;
  you: FakeUser;
  ownChat: FakeChat;
  rehearsal: ClassRehearsal | undefined;
  /** Where what the person types goes now. */
  place(): FakeChat;
  /** Prints one of the terminal's own sentences. */
  show(key: LocaleKey, vars?: Record<string, unknown>): void;
  /** The Mini App's page for the person, of their private chat or of the group a start_param names. */
  appLink(startParam?: string): string;
  /** Prints what someone says in a chat, as `masha@group> text`. */
  echo(name: string, chat: FakeChat, text: string): void;
  settle(): Promise<void>;
}

/** Presses the button printed with this number; a number that is no button goes to the bot as text. */
export function pressButton(scene: TerminalScene, number: number): void {
  const { api, you, ownChat } = scene;
  const shown = scene.printer.button(number);
  if (!shown) return void api.sendText(scene.place(), you, String(number));
  const { message, button } = shown;
  if (button.callback_data !== undefined) {
    try {
      scene.printer.watchPress(api.pressButton(message, button.callback_data, you).id);
    } catch {
      scene.show('terminal.buttonGone', { number });
    }
    return;
  }
  // An [Open] button opens the Mini App: here, the address of the page for a desktop browser.
  if (button.web_app !== undefined) return void scene.show('terminal.link', { number, url: scene.appLink() });
  // A t.me link to the bot opens the private chat with its start parameter, as Telegram does.
  const link = new URL(button.url ?? '', 'https://t.me');
  const startapp = link.searchParams.get('startapp');
  if (link.pathname.startsWith(`/${api.bot.username}/`) && startapp !== null)
    return void scene.show('terminal.link', { number, url: scene.appLink(startapp) });
  const start = link.searchParams.get('start');
  if (link.pathname !== `/${api.bot.username}` || start === null) {
    scene.show('terminal.link', { number, url: button.url });
    return;
  }
  scene.echo('you', ownChat, `/start ${start}`);
  api.sendText(ownChat, you, `/start ${start}`);
}

/** Sends a file from disk as a document, as a user would attach it. */
export function sendFile(scene: TerminalScene, path: string): void {
  try {
    scene.api.uploadDocument(scene.place(), scene.you, {
      file_name: basename(path),
      bytes: readFileSync(path),
    });
  } catch (error) {
    scene.show('terminal.cannotRead', {
      path,
      reason: error instanceof Error ? error.message : String(error),
    });
  }
}

/** Says a text in the group as the student with this handle. */
export function speakAs(scene: TerminalScene, handle: string, text: string): void {
  const { rehearsal } = scene;
  const student = rehearsal?.find(handle);
  if (!rehearsal || !student) {
    const names = (rehearsal?.students ?? []).map((s) => `@${s.handle}`).join(', ');
    scene.show('terminal.unknownStudent', { name: handle, names });
    return;
  }
  scene.api.sendText(rehearsal.group, student.user, text);
}

/** The students work on the group's running exercise, saying first who does what. */
export async function studentsWork(scene: TerminalScene): Promise<void> {
  const { api, rehearsal } = scene;
  if (!rehearsal) return;
  const run = await readRunning(scene.app.deps, rehearsal.group.id);
  if (!run) return scene.show('terminal.noExercise');
  const [first, second, third] = rehearsal.students.map((s) => s.user.first_name);
  scene.show('terminal.studentsPlan', { first, second, third });
  const say = (student: SimulatedStudent, chat: FakeChat, text: string) => {
    scene.echo(student.handle, chat, text);
    api.sendText(chat, student.user, text);
  };
  await doClasswork({ api, rehearsal, say, settle: scene.settle }, run);
}
