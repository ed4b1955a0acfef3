import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './send-json.js';

/** Answers one request; whatever it throws is answered 500 by the server. */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

/** Exact paths, each with its methods: enough for a webhook, a health check and a Mini App's few calls. */
export interface Router {
  /** Serves `method` on `path` (as in the request, without the query). A path and method are mounted once. */
  mount(method: string, path: string, handler: RouteHandler): void;
  /** Finds the route: 404 for an unknown path, 405 (with Allow) for a method the path does not serve. */
  handle(request: IncomingMessage, response: ServerResponse): Promise<void> | void;
}

export function createRouter(): Router {
  const routes = new Map<string, Map<string, RouteHandler>>();
  return {
    mount(method, path, handler) {
      const methods = routes.get(path) ?? new Map<string, RouteHandler>();
      if (methods.has(method)) throw new Error(`${method} ${path} is mounted twice`);
      routes.set(path, methods.set(method, handler));
    },
    handle(request, response) {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const methods = routes.get(path);
      if (!methods) return sendJson(response, 404, { ok: false, error: 'not found' });
      const handler = methods.get(request.method ?? '');
      if (handler) return handler(request, response);
      response.setHeader('allow', [...methods.keys()].join(', '));
      return sendJson(response, 405, { ok: false, error: 'method not allowed' });
    },
  };
}
