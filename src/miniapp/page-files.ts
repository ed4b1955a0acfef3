import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import type { Router } from '../http/router.js';
import { APP_PATH } from '../miniapp-api/api-schema.js';

/** The only script the page loads from outside: Telegram's, which gives it initData and the theme. */
export const TELEGRAM_SCRIPT = 'https://telegram.org/js/telegram-web-app.js';
/** Telegram's web clients, which show a Mini App in a frame; the phone and desktop apps use no frame. */
export const TELEGRAM_WEB_CLIENTS = [
  'https://web.telegram.org',
  'https://webk.telegram.org',
  'https://webz.telegram.org',
];
/** Where the stand-in for Telegram's script is served in the terminal chat's mode. */
export const STAND_IN_SCRIPT = 'telegram-web-app.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** esbuild's `[name]-[hash]`: a name that changes whenever the content does may be kept for a year. */
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9]+$/;

/**
 * The page's policy: scripts only from here and Telegram's one script, data only from here (the API),
 * no plugins, no forms, no base; framed only by Telegram's web clients. Styles may be inline: Telegram's
 * script and the page set the theme's colours on elements.
 */
export function pagePolicy(dev: boolean): string {
  return [
    "default-src 'none'",
    `script-src 'self'${dev ? '' : ` ${TELEGRAM_SCRIPT}`}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    // The terminal chat's page opens in a browser's own tab.
    `frame-ancestors ${dev ? "'self'" : TELEGRAM_WEB_CLIENTS.join(' ')}`,
  ].join('; ');
}

/** What the API's answers carry: nothing may run or frame them. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Headers every answer under /app/ carries. */
export function setSecurityHeaders(response: ServerResponse, policy: string): void {
  response.setHeader('content-security-policy', policy);
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('referrer-policy', 'no-referrer');
  response.setHeader('cross-origin-opener-policy', 'same-origin');
}

export interface PageFilesOptions {
  /** The built page (dist/app/). */
  dir: string;
  /** The terminal chat's mode: the stand-in for Telegram's script is served and the page loads it. */
  dev: boolean;
  /** The stand-in's source, served in dev mode only. */
  standIn?: string;
  warn(message: string): void;
}

/**
 * Mounts GET and HEAD of every file of the built page, read once at start (a few small files): only the
 * names found there are served, so no request can name anything else. `/app/` is index.html (never
 * cached, so a new build is seen at once); hashed files are immutable; `/app` goes to `/app/`. Without
 * a built page, `/app/` says how to build it.
 */
export function mountPageFiles(router: Router, options: PageFilesOptions): void {
  const policy = pagePolicy(options.dev);
  const files = readPage(options.dir);
  if (!files.has('index.html'))
    options.warn(
      `the Mini App's page is not built (no ${join(options.dir, 'index.html')}): run npm run build`,
    );
  const serve = (path: string, body: Buffer, type: string, cache: string, status = 200) => {
    const handler = (_request: unknown, response: ServerResponse) => {
      setSecurityHeaders(response, policy);
      response.writeHead(status, {
        'content-type': type,
        'content-length': body.length,
        'cache-control': cache,
      });
      response.end(body);
    };
    router.mount('GET', path, handler);
    router.mount('HEAD', path, handler);
  };
  for (const [name, body] of files) {
    if (name === 'index.html') continue;
    if (options.dev && name === STAND_IN_SCRIPT) continue;
    const cache = HASHED.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache';
    serve(`${APP_PATH}${name}`, body, TYPES[extname(name)] ?? 'application/octet-stream', cache);
  }
  const index = files.get('index.html');
  const page = index
    ? options.dev
      ? Buffer.from(index.toString('utf8').replaceAll(TELEGRAM_SCRIPT, STAND_IN_SCRIPT))
      : index
    : Buffer.from('The page is not built: run npm run build, then start the bot again.\n');
  if (index) serve(APP_PATH, page, TYPES['.html'] as string, 'no-cache');
  else serve(APP_PATH, page, 'text/plain; charset=utf-8', 'no-store', 503);
  if (options.dev && options.standIn !== undefined)
    serve(`${APP_PATH}${STAND_IN_SCRIPT}`, Buffer.from(options.standIn), TYPES['.js'] as string, 'no-cache');
  const redirect = (_request: unknown, response: ServerResponse) => {
    response.writeHead(301, { location: APP_PATH, 'content-length': 0 });
    response.end();
  };
  // Browsers ask for it by themselves; the page has none, and a 404 would be an error in its console.
  router.mount('GET', '/favicon.ico', (_request, response) => {
    setSecurityHeaders(response, policy);
    response.writeHead(204, { 'cache-control': 'public, max-age=86400' });
    response.end();
  });
  router.mount('GET', APP_PATH.slice(0, -1), redirect);
  router.mount('HEAD', APP_PATH.slice(0, -1), redirect);
}

/** The page's files by name, one level deep (esbuild writes them side by side); none when absent. */
function readPage(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (/^[\w.-]+$/.test(name) && !name.startsWith('.') && statSync(path).isFile())
      files.set(name, readFileSync(path));
  }
  return files;
}
