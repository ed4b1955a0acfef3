import type { StoreLogger } from '../storage/index.js';
import type { RouteHandler } from './router.js';
import { sendJson } from './send-json.js';

/** A check that resolves when its part answers and rejects (or hangs) when it does not. */
export type HealthCheck = () => Promise<unknown>;

export interface HealthRouteOptions {
  /** By name, e.g. { store, queue }; each is reported as 'ok' or 'failing'. */
  checks: Record<string, HealthCheck>;
  logger: StoreLogger;
  /** A check slower than this counts as failing; 2000 by default. */
  timeoutMs?: number;
}

/**
 * GET of whether the bot can take updates: 200 `{"ok":true,"checks":{"store":"ok",...}}` when every check
 * answers in time, 503 naming the failing ones otherwise. The reasons go to the log (when a check starts or
 * stops failing), never into the answer.
 */
export function createHealthRoute(options: HealthRouteOptions): RouteHandler {
  const timeoutMs = options.timeoutMs ?? 2000;
  const failing = new Set<string>();
  const run = async (name: string, check: HealthCheck): Promise<boolean> => {
    try {
      await withTimeout(check(), timeoutMs);
      if (failing.delete(name)) options.logger.info({ check: name }, 'a health check answers again');
      return true;
    } catch (error) {
      if (!failing.has(name)) options.logger.error({ check: name, err: error }, 'a health check fails');
      failing.add(name);
      return false;
    }
  };
  return async (_request, response) => {
    const entries = Object.entries(options.checks);
    const results = await Promise.all(entries.map(([name, check]) => run(name, check)));
    const checks = Object.fromEntries(entries.map(([name], i) => [name, results[i] ? 'ok' : 'failing']));
    const ok = results.every(Boolean);
    sendJson(response, ok ? 200 : 503, { ok, checks });
  };
}

function withTimeout(task: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([task, late]).finally(() => clearTimeout(timer));
}
