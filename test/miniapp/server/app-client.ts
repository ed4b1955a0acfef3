import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeUser } from '../../../src/dev/fake-bot-api.js';
import { type InitDataFields, signInitData } from '../../../src/dev/sign-init-data.js';
import type { TestBot } from '../../helpers/test-bot.js';

/** The names esbuild would give a small page: `[name]-[hash]`. */
export const PAGE_SCRIPT = 'main-AB12CD34.js';
export const PAGE_STYLE = 'main-EF56GH78.css';

/** A tiny built page, as `npm run build` lays it out in dist/app/, in a folder of its own. */
export function makePageFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'perceptron-app-page-'));
  writeFileSync(
    join(dir, 'index.html'),
    [
      '<!doctype html><html><head><meta charset="utf-8">',
      `<link rel="stylesheet" href="${PAGE_STYLE}">`,
      '<script src="https://telegram.org/js/telegram-web-app.js"></script>',
      `<script type="module" src="${PAGE_SCRIPT}"></script>`,
      '</head><body><div id="app"></div></body></html>',
    ].join('\n'),
  );
  writeFileSync(join(dir, PAGE_SCRIPT), 'document.getElementById("app").textContent = "ok";\n');
  writeFileSync(join(dir, PAGE_STYLE), 'body { margin: 0 }\n');
  return dir;
}

export interface AppAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export interface CallOptions {
  /** initData fields over the member's own (start_param, auth_date). */
  fields?: Partial<InitDataFields>;
  /** The Authorization header as sent; a freshly signed `tma <initData>` when absent. */
  authorization?: string | null;
  /** A body sent as it is, not as JSON. */
  rawBody?: string;
}

/** The page's side: signed requests to the app's API on the bot's own HTTP server. */
export function appClient(bot: TestBot) {
  const base = () => `http://127.0.0.1:${bot.app.miniAppPort()}`;
  const initDataFor = (user: FakeUser, fields: Partial<InitDataFields> = {}) =>
    signInitData(bot.api.token, {
      user: {
        id: user.id,
        first_name: user.first_name,
        ...(user.language_code ? { language_code: user.language_code } : {}),
      },
      ...fields,
    });
  return {
    base,
    initDataFor,
    async call(
      user: FakeUser,
      method: 'GET' | 'POST',
      path: string,
      body?: unknown,
      options: CallOptions = {},
    ): Promise<AppAnswer> {
      const authorization =
        options.authorization === undefined
          ? `tma ${initDataFor(user, options.fields)}`
          : options.authorization;
      const response = await fetch(`${base()}/app/api/${path}`, {
        method,
        headers: {
          ...(authorization === null ? {} : { authorization }),
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        },
        ...(method === 'POST' ? { body: options.rawBody ?? JSON.stringify(body ?? {}) } : {}),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: JSON.parse(text) };
    },
    /** A GET of a raw path (no normalisation by a URL parser), for paths a browser would never send. */
    rawGet(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
      return new Promise((resolve, reject) => {
        const request = httpRequest(`${base()}/`, { path, method: 'GET' }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk) => {
            body += chunk;
          });
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
          );
        });
        request.on('error', reject);
        request.end();
      });
    },
  };
}

/** Polls GET /app/api/train (as the page does every 400 ms, here faster) until the training is over. */
export async function pollUntilTrained(
  client: ReturnType<typeof appClient>,
  user: FakeUser,
  timeoutMs = 20_000,
): Promise<AppAnswer> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const answer = await client.call(user, 'GET', 'train');
    if (answer.body.running === false) return answer;
    if (Date.now() > until) throw new Error(`the training still runs: ${JSON.stringify(answer.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
