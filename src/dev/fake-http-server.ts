import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import type { FakeAnswer } from './fake-bot-types.js';
import type { FileBody } from './fake-file-store.js';
import { badRequest, errorAnswer } from './fake-telegram-objects.js';
import { readRequestPayload } from './read-request-payload.js';

/** Answers one call; clientGone aborts when the client closes the connection first (e.g. a stopped poll). */
export type CallResponder = (
  method: string,
  payload: Record<string, unknown>,
  clientGone: AbortSignal,
) => Promise<FakeAnswer>;

export interface FakeHttpServer {
  apiRoot: string;
  close(): Promise<void>;
}

function send(response: ServerResponse, answer: FakeAnswer): void {
  if (response.destroyed || response.writableEnded) return;
  const status = answer.ok ? 200 : answer.error_code;
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
}

/** Sends a file; a made body goes only as fast as the client reads, and stops when the client hangs up. */
function serveFile(response: ServerResponse, body: FileBody): void {
  const type = { 'content-type': 'application/octet-stream' };
  if ('bytes' in body) return void response.writeHead(200, type).end(body.bytes);
  const length = body.length === undefined ? {} : { 'content-length': String(body.length) };
  response.writeHead(200, { ...type, ...length });
  pipeline(body.stream, response).catch(() => undefined);
}

/**
 * An HTTP server on 127.0.0.1 (random port) routing `/bot<token>/<method>` to respond and
 * `/file/bot<token>/<path>` to download; 404 otherwise.
 */
export async function startFakeHttpServer(
  token: string,
  download: (path: string) => FileBody | undefined,
  respond: CallResponder,
): Promise<FakeHttpServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const filePrefix = `/file/bot${token}/`;
    if (path.startsWith(filePrefix)) {
      request.resume();
      const body = download(decodeURIComponent(path.slice(filePrefix.length)));
      if (body) serveFile(response, body);
      else send(response, errorAnswer({ error_code: 404 }));
      return;
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
    if (!match || match[1] !== token) {
      request.resume();
      send(response, errorAnswer({ error_code: 404 }));
      return;
    }
    const method = match[2] as string;
    const clientGone = new AbortController();
    response.on('close', () => clientGone.abort());
    readRequestPayload(request)
      .then((payload) =>
        payload === undefined
          ? badRequest("can't parse request body")
          : respond(method, payload, clientGone.signal),
      )
      .catch((error: unknown) => errorAnswer({ error_code: 500, description: String(error) }))
      .then((answer) => send(response, answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
