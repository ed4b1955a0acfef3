import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { webhookEnv } from '../helpers/webhook-delivery.js';
import { botEnv, spawnBot } from './kit/bot-process.js';
import { makeTempDir, startFake } from './kit/temp.js';

const STACK_LINE = /^\s+at /m;

/** dist/main.js in webhook mode against a fake Bot API, run until it exits. */
async function runToExit(
  extra: Record<string, string>,
  setUp?: (api: Awaited<ReturnType<typeof startFake>>) => void,
) {
  const api = await startFake();
  setUp?.(api);
  const cwd = await makeTempDir();
  const bot = spawnBot(botEnv(api, join(cwd, 'data'), { ...webhookEnv(), ...extra }), cwd);
  const exit = await bot.exited;
  return {
    ...exit,
    stdout: bot.stdout(),
    stderr: bot.stderr(),
    methods: api.calls.map((call) => call.method),
  };
}

describe('npm start in webhook mode with something it cannot use', () => {
  it('exits 1 with one line naming WEBHOOK_SECRET when WEBHOOK_URL has none, calling nothing', async () => {
    const run = await runToExit({ WEBHOOK_SECRET: '' });
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^WEBHOOK_SECRET is missing/)]);
    expect(run.methods).toEqual([]);
  });

  it('exits 1 with one line naming PORT when another program listens there, setting no webhook', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    onTestFinished(() => new Promise<void>((resolve) => taken.close(() => resolve())));
    const { port } = taken.address() as { port: number };
    const run = await runToExit({ PORT: String(port) });
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `Cannot listen for webhook updates on port ${port} (another program uses it): choose another PORT.`,
    ]);
    expect(run.stderr + run.stdout).not.toMatch(STACK_LINE);
    expect(run.methods).not.toContain('setWebhook');
  });

  it('exits 1 when Telegram refuses the webhook, the secret in no line it wrote', async () => {
    const run = await runToExit({ LOG_LEVEL: 'trace' }, (api) =>
      api.failWith('setWebhook', undefined, {
        error_code: 400,
        description: 'Bad Request: bad webhook: HTTPS url must be provided for webhook',
      }),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('HTTPS url must be provided');
    expect(run.methods).toContain('setWebhook');
    expect(run.stderr + run.stdout).not.toContain(webhookEnv().WEBHOOK_SECRET);
  });
});
