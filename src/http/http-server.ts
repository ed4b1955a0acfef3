import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StoreLogger } from '../storage/index.js';
import type { Router } from './router.js';
import { sendJson } from './send-json.js';

export interface HttpServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** The interface to listen on; every one when absent. */
  host?: string;
  router: Router;
  logger: StoreLogger;
  /** Each request being answered; shutdown waits for them. */
  track(task: Promise<unknown>): void;
}

export interface HttpServer {
  /** The port it listens on. */
  readonly port: number;
  /**
   * Takes no new request: new connections are refused, a request that still comes on an open one is
   * answered 503, and the requests being answered finish, then their connections close. Resolves then.
   */
  stop(): Promise<void>;
  /** Ends every connection at once, finished or not (the shutdown's time is up). */
  closeAll(): void;
}

/** A slow body holds its connection this long at most. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Starts listening on every interface; rejects with a sentence when the port cannot be had. */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const { router, logger } = options;
  const answering = new Set<ServerResponse>();
  let stopping = false;
  const server = createServer((request, response) => {
    if (stopping) {
      response.setHeader('connection', 'close');
      return sendJson(response, 503, { ok: false, error: 'shutting down' });
    }
    answering.add(response);
    const answered = Promise.resolve()
      .then(() => router.handle(request, response))
      .catch((error: unknown) => {
        if (response.destroyed) logger.info({ err: error }, 'a client went away before its answer');
        else logger.error({ err: error, path: request.url }, 'a request failed');
        sendJson(response, 500, { ok: false, error: 'internal error' });
      })
      .finally(() => answering.delete(response));
    options.track(answered);
  });
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  await listen(server, options.port, options.host);
  server.on('error', (error) => logger.error({ err: error }, 'the HTTP server failed to take a connection'));
  const closed = new Promise<void>((resolve) => server.once('close', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stop() {
      stopping = true;
      // Answers not yet begun close their connection after them.
      for (const response of answering) if (!response.headersSent) response.setHeader('connection', 'close');
      server.close();
      return closed;
    },
    closeAll: () => server.closeAllConnections(),
  };
}

function listen(server: ReturnType<typeof createServer>, port: number, host?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'another program uses it' : (error.code ?? error.message);
      reject(new Error(`Cannot listen for webhook updates on port ${port} (${why}): choose another PORT.`));
    });
    if (host === undefined) server.listen(port, () => resolve());
    else server.listen(port, host, () => resolve());
  });
}
