import type { Update } from 'telegraf/types';
import { HEALTH_PATH, type WebhookConfig } from '../config/config.js';
import type { StoreLogger } from '../storage/index.js';
import { createHealthRoute, type HealthCheck } from './health-route.js';
import { type HttpServer, startHttpServer } from './http-server.js';
import { createRouter, type Router } from './router.js';
import { createWebhookRoute } from './webhook-route.js';

/** setWebhook's parameters, as the Bot API names them. */
export interface WebhookParameters {
  url: string;
  secret_token: string;
  allowed_updates: readonly string[];
  max_connections: number;
}

export interface WebhookReceiverOptions {
  webhook: WebhookConfig;
  allowedUpdates: readonly string[];
  /** The intake's accept: true once the update is durably recorded. */
  accept(update: Update): Promise<boolean>;
  /** What GET /healthz asks, e.g. whether the store and the update queue answer. */
  checks: Record<string, HealthCheck>;
  setWebhook(parameters: WebhookParameters): Promise<unknown>;
  logger: StoreLogger;
  /** Each request being answered; shutdown waits for them. */
  track(task: Promise<unknown>): void;
}

/** Updates over HTTP: POST on the webhook's path and GET /healthz, on a router more routes can join. */
export interface WebhookReceiver {
  /** Mount further routes here before start(). */
  readonly router: Router;
  /** Listens on PORT, then asks Telegram to deliver there; rejects with a sentence when either fails. */
  start(): Promise<void>;
  /** The port listened on, once started. */
  port(): number | undefined;
  /** Takes no new request; those being answered finish (see HttpServer.stop). */
  stop(): void;
  /** Resolves once stopped and every request was answered. */
  readonly done: Promise<void>;
  /** Ends every connection still open. */
  closeAll(): void;
}

export function createWebhookReceiver(options: WebhookReceiverOptions): WebhookReceiver {
  const { webhook, logger } = options;
  const router = createRouter();
  router.mount(
    'POST',
    webhook.path,
    createWebhookRoute({ secret: webhook.secret, accept: options.accept, logger }),
  );
  router.mount('GET', HEALTH_PATH, createHealthRoute({ checks: options.checks, logger }));
  let server: HttpServer | undefined;
  let markDone = (): void => {};
  const done = new Promise<void>((resolve) => {
    markDone = resolve;
  });
  return {
    done,
    router,
    async start() {
      server = await startHttpServer({ port: webhook.port, router, logger, track: options.track });
      await options.setWebhook({
        url: webhook.url,
        secret_token: webhook.secret,
        allowed_updates: options.allowedUpdates,
        max_connections: webhook.maxConnections,
      });
    },
    port: () => server?.port,
    stop() {
      void (server?.stop() ?? Promise.resolve()).then(markDone);
    },
    closeAll: () => server?.closeAll(),
  };
}
