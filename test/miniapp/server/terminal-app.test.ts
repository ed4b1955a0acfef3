import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTerminalChat, type TerminalChat } from '../../../src/chat/terminal-chat.js';
import { parseConfig } from '../../../src/config/config.js';
import { createLogger } from '../../../src/config/logger.js';
import { appStateSchema } from '../../../src/miniapp-api/api-schema.js';
import { makePageFixture } from './app-client.js';

let chat: TerminalChat;
let pageDir: string;
let filesRoot: string;
const printed: string[] = [];
beforeAll(async () => {
  pageDir = makePageFixture();
  filesRoot = mkdtempSync(join(tmpdir(), 'perceptron-chat-app-'));
  chat = await startTerminalChat({
    config: parseConfig({ LOG_LEVEL: 'warn', MESSAGES_PER_MINUTE: '10000' }, { requireToken: false }),
    logger: createLogger({ level: 'warn', destination: new Writable({ write: (_c, _e, done) => done() }) }),
    language: 'ru',
    group: true,
    filesRoot,
    colors: false,
    write: (text) => printed.push(text),
    backgroundWaitMs: 30_000,
    appOptions: {
      outgoing: { privateIntervalMs: 1, groupIntervalMs: 1, globalPerSecond: 10_000 },
      progressIntervalMs: { private: 100, group: 100 },
      miniApp: { pageDir },
    },
  });
});
afterAll(async () => {
  await chat.close();
  rmSync(pageDir, { recursive: true, force: true });
  rmSync(filesRoot, { recursive: true, force: true });
});

/** The links the chat printed, in order. */
const links = () => printed.join('\n').match(/http:\/\/127\.0\.0\.1:\d+\/app\/#\S+/g) ?? [];

/** The API as the page opened by a printed link calls it: the initData of the link's fragment. */
async function callWith(link: string, method: 'GET' | 'POST', path: string, body?: unknown) {
  const url = new URL(link);
  const initData = new URLSearchParams(url.hash.slice(1)).get('tgWebAppData') ?? '';
  const response = await fetch(`${url.origin}/app/api/${path}`, {
    method,
    headers: { authorization: `tma ${initData}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('npm run chat serves the app on 127.0.0.1', () => {
  it('prints links for the private chat and the group that open the person’s perceptrons', async () => {
    const [own, group] = links();
    expect(own).toBeDefined();
    expect(group).toBeDefined();
    const state = appStateSchema.parse((await callWith(own ?? '', 'GET', 'state')).body);
    expect([state.language, state.scope.kind]).toEqual(['ru', 'private']);
    const added = await callWith(group ?? '', 'POST', 'rows', { text: '1 0 -> 1' });
    expect(appStateSchema.parse(added.body).scope.kind).toBe('group');
    expect(await chat.handle('/data').then(() => printed.join('\n'))).toContain('1 0 → 1');
  });

  it('serves the page with the stand-in for Telegram’s script, and a policy allowing only this server', async () => {
    const origin = new URL(links()[0] ?? '').origin;
    const page = await fetch(`${origin}/app/`);
    const html = await page.text();
    expect(html).toContain('<script src="telegram-web-app.js"></script>');
    expect(html).not.toContain('https://telegram.org');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self';");
    const standIn = await fetch(`${origin}/app/telegram-web-app.js`);
    expect(standIn.status).toBe(200);
    expect(await standIn.text()).toContain('window.Telegram = { WebApp');
  });
});
