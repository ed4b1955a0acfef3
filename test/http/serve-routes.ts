import { onTestFinished } from 'vitest';
import { type HttpServer, startHttpServer } from '../../src/http/http-server.js';
import { createRouter, type Router } from '../../src/http/router.js';
import type { StoreLogger } from '../../src/storage/index.js';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  obj: object;
  msg: string;
}

export interface Served {
  server: HttpServer;
  router: Router;
  origin: string;
  logs: LogLine[];
  /** Every request's answering, as the app's background tasks would hold them. */
  tasks: Promise<unknown>[];
}

/** A router on the real HTTP server on a free port, stopped when the test ends; `mount` adds its routes. */
export async function serveRoutes(mount: (router: Router, logger: StoreLogger) => void): Promise<Served> {
  const logs: LogLine[] = [];
  const log = (level: LogLine['level']) => (obj: object, msg: string) => void logs.push({ level, obj, msg });
  const logger: StoreLogger = { info: log('info'), warn: log('warn'), error: log('error') };
  const router = createRouter();
  mount(router, logger);
  const tasks: Promise<unknown>[] = [];
  const server = await startHttpServer({ port: 0, router, logger, track: (task) => void tasks.push(task) });
  onTestFinished(async () => {
    const stopped = server.stop();
    server.closeAll();
    await stopped;
  });
  return { server, router, origin: `http://127.0.0.1:${server.port}`, logs, tasks };
}
