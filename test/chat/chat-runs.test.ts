import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../robustness/kit/temp.js';

/** The terminal chat as `npm run chat` runs it after its build. */
const CHAT = fileURLToPath(new URL('../../dist/chat/main.js', import.meta.url));

/** Runs the chat with `lines` piped in, its temp folder (TMPDIR) in `tmp`; resolves with what it printed. */
async function runChat(
  args: string[],
  lines: string[],
  tmp: string,
  extraEnv: Record<string, string> = {},
): Promise<{ code: number | null; out: string }> {
  if (!existsSync(CHAT)) throw new Error(`${CHAT} is missing: run npm run build first`);
  const child = spawn(process.execPath, [CHAT, ...args], {
    cwd: tmp,
    env: { PATH: process.env.PATH ?? '', TMPDIR: tmp, ...extraEnv },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stdin.end(`${lines.join('\n')}\n`);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { code, out };
}

const savedPicture = (out: string) => /\[png: (.+\.png)\]/.exec(out)?.[1] ?? '';

describe('npm run chat, run twice', () => {
  it('saves each run’s pictures in a folder of its own, so the second run overwrites nothing', async () => {
    const tmp = await makeTempDir();
    const script = ['/example and', '/train 10'];
    const first = await runChat([], script, tmp);
    const second = await runChat(['--lang=ru'], script, tmp);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(first.out).toContain('Chatting with the bot.');
    expect(second.out).toContain('Чат с ботом.');
    const paths = [savedPicture(first.out), savedPicture(second.out)];
    expect(paths.every((path) => path.startsWith(`${tmp}/perceptron-chat/`))).toBe(true);
    expect(paths[0]).not.toBe(paths[1]);
    expect(paths.every((path) => existsSync(path))).toBe(true);
  });

  it('keeps its made-up members out of the bot’s PostgreSQL, even with DATABASE_URL set', async () => {
    const tmp = await makeTempDir();
    const env = { DATABASE_URL: 'postgres://bot@127.0.0.1:1/perceptron' };
    const run = await runChat([], ['/example and', '/data'], tmp, env);
    expect(run.code).toBe(0);
    expect(run.out).toContain('Chatting with the bot.');
    expect(run.out).not.toContain('PostgreSQL');
  });

  it('names its options when given one it does not know', async () => {
    const run = await runChat(['--grup'], [], await makeTempDir());
    expect(run.code).toBe(1);
    expect(run.out.trim()).toBe(
      'Usage: npm run chat -- [--group] [--lang=en|ru]. --group rehearses a class exercise in a group with simulated students; --lang chooses the language you write in.',
    );
  });
});
