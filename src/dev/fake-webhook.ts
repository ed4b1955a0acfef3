import type { FakeAnswer } from './fake-bot-types.js';
import { badRequest, errorAnswer, okAnswer } from './fake-telegram-objects.js';
import type { UpdateQueue } from './fake-update-queue.js';

type Payload = Record<string, unknown>;

/** What setWebhook was given, as the fake keeps it. */
export interface FakeWebhook {
  url: string;
  secret_token?: string;
  allowed_updates?: string[];
  max_connections?: number;
}

/** The webhook a bot set, and the Bot API methods that set, read and delete it. */
export interface WebhookState {
  current(): FakeWebhook | undefined;
  /** Telegram's answer to getUpdates while a webhook is set; undefined when none is. */
  refusePolling(): FakeAnswer | undefined;
  methods: Record<string, (payload: Payload) => FakeAnswer>;
}

/** A list parameter arrives as an array (JSON body) or as JSON text (form fields). */
function readList(value: unknown): string[] | undefined {
  const list = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(list) ? list.map(String) : undefined;
}

function readWebhook(payload: Payload): FakeWebhook | FakeAnswer {
  const url = String(payload.url ?? '');
  if (!URL.canParse(url)) return badRequest('bad webhook: Failed to resolve host: Name or service not known');
  const webhook: FakeWebhook = { url };
  if (payload.secret_token !== undefined) {
    const secret = String(payload.secret_token);
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(secret))
      return badRequest('secret token contains unallowed characters');
    webhook.secret_token = secret;
  }
  const allowed = readList(payload.allowed_updates);
  if (allowed) webhook.allowed_updates = allowed;
  if (payload.max_connections !== undefined) {
    const connections = Number(payload.max_connections);
    if (!Number.isInteger(connections) || connections < 1 || connections > 100)
      return badRequest('bad webhook: max_connections must be from 1 to 100');
    webhook.max_connections = connections;
  }
  return webhook;
}

export function createWebhookState(queue: UpdateQueue): WebhookState {
  let webhook: FakeWebhook | undefined;
  return {
    current: () => (webhook ? { ...webhook } : undefined),
    refusePolling: () =>
      webhook
        ? errorAnswer({
            error_code: 409,
            description:
              "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
          })
        : undefined,
    methods: {
      setWebhook(payload) {
        // An empty url removes the webhook, as deleteWebhook does.
        if (String(payload.url ?? '') === '') {
          webhook = undefined;
          return okAnswer(true);
        }
        const read = readWebhook(payload);
        if ('ok' in read) return read;
        webhook = read;
        return okAnswer(true);
      },
      deleteWebhook(payload) {
        webhook = undefined;
        if (payload.drop_pending_updates === true) queue.dropPending();
        return okAnswer(true);
      },
      getWebhookInfo: () =>
        okAnswer({
          url: webhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: queue.pending(),
          ...(webhook?.max_connections ? { max_connections: webhook.max_connections } : {}),
          ...(webhook?.allowed_updates ? { allowed_updates: webhook.allowed_updates } : {}),
        }),
    },
  };
}
