import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainUntilResult } from '../../helpers/datasets.js';
import { startTestBot, type TestBot } from '../../helpers/test-bot.js';
import { createWebhookDelivery, webhookEnv } from '../../helpers/webhook-delivery.js';
import { appClient, makePageFixture } from './app-client.js';

const PUBLIC = { PUBLIC_URL: 'https://bot.example.org', PORT: '0' };
let pageDir: string;
beforeAll(() => {
  pageDir = makePageFixture();
});
afterAll(() => rmSync(pageDir, { recursive: true, force: true }));

describe('the per-member request limit', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: PUBLIC, miniApp: { pageDir, requestsPerMinute: 3 } });
  });
  afterAll(() => bot.stop());

  it('answers 429 with Retry-After past it, for that member only', async () => {
    const client = appClient(bot);
    const member = bot.member('ru');
    const other = bot.member('en');
    for (let i = 0; i < 3; i++) expect((await client.call(member.user, 'GET', 'state')).status).toBe(200);
    const refused = await client.call(member.user, 'POST', 'rows', { text: '1 -> 1' });
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('retry-after'));
    // Three a minute: the next one comes 20 s after the last.
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(20);
    expect(refused.body).toEqual({ error: member.t('app.api.tooMany', { seconds: wait }) });
    expect((await client.call(other.user, 'GET', 'state')).status).toBe(200);
    expect(
      await bot.app.deps.perceptrons.read(`chat-${member.chat.id}-user-${member.user.id}`),
    ).toBeUndefined();
  });
});

describe('without PUBLIC_URL', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { PORT: '0' }, miniApp: { pageDir } });
  });
  afterAll(() => bot.stop());

  it('nothing of the app appears: no server, no menu button, no [Open]', async () => {
    expect(bot.app.miniAppPort()).toBeUndefined();
    expect(bot.api.calls.some((call) => call.method === 'setChatMenuButton')).toBe(false);
    const member = bot.member('en');
    const { user, chat } = member;
    await bot.say(user, chat, '/example lesson');
    const result = await trainUntilResult(bot, member);
    const everyButton = [result, await bot.say(user, chat, '/weights')].flatMap((m) => bot.api.buttons(m));
    expect(everyButton.some((button) => 'web_app' in button || button.url !== undefined)).toBe(false);
    expect(bot.api.buttons(await bot.say(user, chat, '/weights'))).toEqual([]);
  });
});

describe('without PUBLIC_URL after a start that had it', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      env: { PORT: '0' },
      miniApp: { pageDir },
      // What an earlier start with PUBLIC_URL left in Telegram.
      beforeStart: async (api) => {
        const menu_button = {
          type: 'web_app',
          text: 'Perceptron',
          web_app: { url: 'https://old.example.org/app/' },
        };
        await fetch(`${api.apiRoot}/bot${api.token}/setChatMenuButton`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ menu_button }),
        });
      },
    });
  });
  afterAll(() => bot.stop());

  it('puts the menu button back to the command list, so it opens no page that is gone', async () => {
    const sets = bot.api.calls.filter((call) => call.method === 'setChatMenuButton');
    expect(sets.map((call) => (call.payload.menu_button as { type: string }).type)).toEqual([
      'web_app',
      'default',
    ]);
    const now = await fetch(`${bot.api.apiRoot}/bot${bot.api.token}/getChatMenuButton`, { method: 'POST' });
    expect(await now.json()).toEqual({ ok: true, result: { type: 'default' } });
  });
});

describe('with a webhook', () => {
  let bot: TestBot;
  const env = { ...webhookEnv(), ...PUBLIC };
  beforeAll(async () => {
    bot = await startTestBot({ env, miniApp: { pageDir } });
  });
  afterAll(() => bot.stop());

  it('the app shares the webhook’s server and port', async () => {
    const port = bot.app.webhookPort();
    expect(bot.app.miniAppPort()).toBe(port);
    const hook = createWebhookDelivery(bot.api, port ?? 0, env);
    expect((await hook.get('/app/')).status).toBe(200);
    const member = bot.member('en');
    const answer = await appClient(bot).call(member.user, 'POST', 'rows', { text: '1 1 -> 0' });
    expect(answer.status).toBe(200);
    expect((await hook.get('/healthz')).status).toBe(200);
  });
});

describe('before the page is built', () => {
  let bot: TestBot;
  let emptyDir: string;
  beforeAll(async () => {
    emptyDir = mkdtempSync(join(tmpdir(), 'perceptron-no-page-'));
    bot = await startTestBot({ env: PUBLIC, miniApp: { pageDir: emptyDir } });
  });
  afterAll(async () => {
    await bot.stop();
    rmSync(emptyDir, { recursive: true, force: true });
  });

  it('/app/ answers 503 saying how to build it, and the API works', async () => {
    const response = await fetch(`http://127.0.0.1:${bot.app.miniAppPort()}/app/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build');
    expect(bot.logs.some((line) => String(line.msg).includes('not built'))).toBe(true);
    const member = bot.member('en');
    expect((await appClient(bot).call(member.user, 'GET', 'state')).status).toBe(200);
  });
});
