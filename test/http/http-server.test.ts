import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startHttpServer } from '../../src/http/http-server.js';
import { readBody } from '../../src/http/read-body.js';
import { createRouter } from '../../src/http/router.js';
import { sendJson } from '../../src/http/send-json.js';
import { serveRoutes } from './serve-routes.js';

/** A POST whose body is sent in two parts; `finish` sends the rest and resolves with the answer. */
function startSlowPost(origin: string, path: string, first: string, rest: string) {
  const url = new URL(path, origin);
  const body = first + rest;
  let answered: (answer: { status: number; body: string }) => void = () => {};
  const answer = new Promise<{ status: number; body: string }>((resolve) => {
    answered = resolve;
  });
  const req = request(
    url,
    { method: 'POST', headers: { 'content-length': Buffer.byteLength(body) } },
    (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      res.on('end', () => answered({ status: res.statusCode ?? 0, body: text }));
    },
  );
  req.write(first);
  return {
    finish() {
      req.end(rest);
      return answer;
    },
  };
}

describe('the HTTP server and its router', () => {
  it('answers a mounted path and method, 404 for another path and 405 with Allow for another method', async () => {
    const { origin } = await serveRoutes((router) => {
      router.mount('GET', '/a', (_req, res) => sendJson(res, 200, { route: 'GET /a' }));
      router.mount('POST', '/a', (_req, res) => sendJson(res, 200, { route: 'POST /a' }));
    });
    const get = await fetch(`${origin}/a?x=1`);
    expect(await get.json()).toEqual({ route: 'GET /a' });
    expect((await fetch(`${origin}/a/`)).status).toBe(404);
    expect((await fetch(`${origin}/b`)).status).toBe(404);
    const put = await fetch(`${origin}/a`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
  });

  it('refuses to mount the same method and path twice', () => {
    const router = createRouter();
    router.mount('GET', '/a', () => undefined);
    expect(() => router.mount('GET', '/a', () => undefined)).toThrow('GET /a is mounted twice');
  });

  it('answers 500 for a route that throws, and logs it', async () => {
    const { origin, logs } = await serveRoutes((router) => {
      router.mount('GET', '/broken', () => {
        throw new Error('a bug');
      });
    });
    const answer = await fetch(`${origin}/broken`);
    expect(answer.status).toBe(500);
    expect(await answer.json()).toEqual({ ok: false, error: 'internal error' });
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'a request failed' }));
  });

  it('when stopped, answers the request in flight, takes no new connection, and resolves after', async () => {
    const { origin, server, tasks } = await serveRoutes((router) => {
      router.mount('POST', '/echo', async (req, res) => {
        const body = await readBody(req, 1000);
        sendJson(res, 200, { echo: String(body) });
      });
    });
    const slow = startSlowPost(origin, '/echo', 'in ', 'flight');
    await sleep(100);
    let stopped = false;
    const stopping = server.stop().then(() => {
      stopped = true;
    });
    await expect(fetch(`${origin}/echo`, { method: 'POST', body: 'late' })).rejects.toThrow();
    expect(stopped).toBe(false);
    expect(await slow.finish()).toEqual({ status: 200, body: JSON.stringify({ echo: 'in flight' }) });
    await stopping;
    expect(tasks).toHaveLength(1);
  });

  it('says which port it could not listen on, in one sentence', async () => {
    const { server } = await serveRoutes(() => undefined);
    const logger = { info() {}, warn() {}, error() {} };
    const taken = startHttpServer({ port: server.port, router: createRouter(), logger, track() {} });
    await expect(taken).rejects.toThrow(
      `Cannot listen for webhook updates on port ${server.port} (another program uses it): choose another PORT.`,
    );
  });
});
