import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startTerminalChat, type TerminalChat } from '../../src/chat/terminal-chat.js';
import { parseConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { parseResultsCsv } from '../helpers/csv.js';

/** A terminal chat whose screen is an array of printed blocks; its files go to a temporary folder. */
interface Screen {
  chat: TerminalChat;
  printed: string[];
  /** Types a line, and returns what was printed until the bot had answered it. */
  type(line: string): Promise<string>;
}

const opened: { chat: TerminalChat; filesRoot: string }[] = [];
afterEach(async () => {
  for (const { chat, filesRoot } of opened.splice(0)) {
    await chat.close();
    rmSync(filesRoot, { recursive: true, force: true });
  }
});

async function openChat(options: { group: boolean; filesRoot?: string }): Promise<Screen> {
  const config = parseConfig({ LOG_LEVEL: 'warn', MESSAGES_PER_MINUTE: '10000' }, { requireToken: false });
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const filesRoot = options.filesRoot ?? mkdtempSync(join(tmpdir(), 'perceptron-chat-test-'));
  const printed: string[] = [];
  const chat = await startTerminalChat({
    config,
    logger: createLogger({ level: 'warn', destination: sink }),
    language: 'en',
    group: options.group,
    filesRoot,
    colors: false,
    write: (text) => printed.push(text),
    backgroundWaitMs: 30_000,
    appOptions: {
      outgoing: { privateIntervalMs: 1, groupIntervalMs: 1, globalPerSecond: 10_000 },
      progressIntervalMs: { private: 100, group: 100 },
      exerciseBoardIntervalMs: 300,
    },
  });
  opened.push({ chat, filesRoot });
  return {
    chat,
    printed,
    async type(line) {
      const from = printed.length;
      await chat.handle(line);
      return printed.slice(from).join('\n');
    },
  };
}

/** The number printed before a button's label, e.g. 3 for `[3] ❓ Help`. */
function buttonNumber(screen: string, label: string): string {
  const number = new RegExp(`\\[(\\d+)\\] ${label}`).exec(screen)?.[1];
  if (!number) throw new Error(`no button «${label}» in:\n${screen}`);
  return number;
}

describe('npm run chat -- --group: a teacher rehearses a class exercise', () => {
  it('starts a task, the simulated students submit, /leaderboard ranks them, /exercise end sends the file', async () => {
    const screen = await openChat({ group: true });
    expect(screen.printed.join('\n')).toContain('you are its admin, the teacher, and Masha (@masha, ru)');
    expect(screen.chat.prompt()).toBe('you@group> ');

    expect(await screen.type('/exercise and')).toMatch(/^bot@group> 📝 Exercise: AND/);
    const work = await screen.type('students');
    expect(work).toContain('masha@private> /start ');
    expect(work).toContain('tom@group> /add 0 0 1 -> 0\n     1 0 1 -> 0');
    expect(work).toMatch(/bot@group → Tom> 📨 75%, place \d of \d/);
    expect(work).toMatch(/bot@group → Ana> 📨 \d+%, place \d of \d/);

    const board = await screen.type('/leaderboard');
    expect(board).toMatch(/Standings: 3 took part\n\s+1\. Masha — 100%.*\n\s+2\. Tom — 75%.*\n\s+3\. Ana — /);

    const end = await screen.type('/exercise end');
    const path = /bot@private> \[file: (.+results-and-\d{4}-\d\d-\d\d\.csv)\]/.exec(end)?.[1];
    expect(path?.startsWith(screen.chat.filesFolder)).toBe(true);
    expect(end).toContain('bot@group> 📄 The results file was sent to Teacher in private.');
    const [header, ...lines] = parseResultsCsv(readFileSync(path ?? '', 'utf8'));
    expect(header?.[0]).toBe('Place');
    expect(lines.map((line) => [line[0], line[2]])).toEqual([
      ['1', 'Masha'],
      ['2', 'Tom'],
      ['3', 'Ana'],
    ]);
  });

  it('speaks as a student with @name, switches to the private chat and back, and lists the students for a wrong name', async () => {
    const screen = await openChat({ group: true });
    expect(await screen.type('@tom /leaderboard')).toContain(
      'bot@group → Tom> There is no exercise running here',
    );
    expect(await screen.type('@bob hello')).toBe('(no student «bob»: the students are @masha, @tom, @ana)');
    await screen.type('private');
    expect(screen.chat.prompt()).toBe('you@private> ');
    expect(await screen.type('/example and')).toMatch(/^bot@private> 📘 Loaded «and»/);
    await screen.type('group');
    expect(screen.chat.prompt()).toBe('you@group> ');
    expect(await screen.type('help')).toContain('@NAME TEXT    says TEXT in the group as a student');
  });
});

describe('npm run chat: buttons and files', () => {
  it('presses a button of an older message by its number, not only the newest message’s', async () => {
    const screen = await openChat({ group: false });
    const start = await screen.type('/start');
    const help = buttonNumber(start, '❓ Help');
    const loaded = await screen.type('/example and');
    expect(loaded).toMatch(/\[\d+\] ▶️ Train/);
    expect(loaded).not.toContain(`[${help}]`);
    expect(await screen.type(help)).toContain('/train');
    expect(await screen.type(help)).toMatch(/^bot> /);
  });

  it('says that a button is gone when its message changed, instead of sending its number', async () => {
    const screen = await openChat({ group: false });
    await screen.type('/example and');
    const training = await screen.type('/train 300');
    const stop = buttonNumber(training, '⏹ Stop');
    expect(await screen.type(stop)).toBe(`(button ${stop} is gone: its message changed)`);
  });

  it('saves each picture in the run’s own folder, and a second run in another', async () => {
    const paths: string[] = [];
    const filesRoot = mkdtempSync(join(tmpdir(), 'perceptron-chat-test-'));
    for (const _run of [1, 2]) {
      const screen = await openChat({ group: false, filesRoot });
      await screen.type('/example and');
      const trained = await screen.type('/train 10');
      const path = /\[png: (.+\.png)\]/.exec(trained)?.[1] ?? '';
      expect(path.startsWith(screen.chat.filesFolder)).toBe(true);
      paths.push(path);
    }
    expect(paths[0]).not.toBe(paths[1]);
    expect(paths.every((path) => existsSync(path))).toBe(true);
  });
});
