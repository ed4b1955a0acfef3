import { describe, expect, it } from 'vitest';
import { spawnBot } from './kit/bot-process.js';
import { makeTempDir } from './kit/temp.js';

/** Runs dist/main.js in an empty folder (no .env) with exactly env, and waits for it to exit. */
async function runToExit(env: Record<string, string>) {
  const cwd = await makeTempDir();
  const bot = spawnBot(env, cwd);
  const exit = await bot.exited;
  return { ...exit, stdout: bot.stdout(), stderr: bot.stderr() };
}

const STACK_LINE = /^\s+at /m;

describe('npm start with a configuration it cannot use', () => {
  it('exits 1 with one line naming BOT_TOKEN when there is no token, and no stack trace', async () => {
    const run = await runToExit({ DATA_DIR: 'data' });
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('BOT_TOKEN');
    expect(run.stderr + run.stdout).not.toMatch(STACK_LINE);
  });

  it('exits 1 with one line naming MAX_ROWS when MAX_ROWS is not a number, and no stack trace', async () => {
    const run = await runToExit({ BOT_TOKEN: '123456:abcdef', MAX_ROWS: 'lots' });
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('MAX_ROWS');
    expect(run.stderr + run.stdout).not.toMatch(STACK_LINE);
  });

  it('exits 1 with one line naming MAX_ROWS when MAX_ROWS is above its limit', async () => {
    const run = await runToExit({ BOT_TOKEN: '123456:abcdef', MAX_ROWS: '10001' });
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining('MAX_ROWS')]);
  });

  it('exits 1 with one line naming DATABASE_URL, without its password, when PostgreSQL cannot be reached', async () => {
    const run = await runToExit({
      BOT_TOKEN: '123456:abcdef',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:1',
      DATA_DIR: 'data',
      DATABASE_URL: 'postgres://bot:hunter2@127.0.0.1:1/perceptron',
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'Could not reach PostgreSQL at postgres://bot@127.0.0.1:1/perceptron (ECONNREFUSED): start PostgreSQL, or fix DATABASE_URL in .env.',
    ]);
    expect(run.stderr + run.stdout).not.toContain('hunter2');
  });
});
