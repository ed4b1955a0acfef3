import type { FakeUpdate } from './fake-bot-types.js';

/** The header Telegram sends setWebhook's secret_token in. */
const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

/** Where updates come from: the fake Bot API's updates that no getUpdates fetched (takeUpdates). */
export interface UpdateSource {
  takeUpdates(): FakeUpdate[];
}

export interface WebhookDispatcherOptions {
  /** The webhook URLs of the instances, e.g. `http://127.0.0.1:8081/tg/path`; tried in turn. */
  targets: string[];
  secret: string;
  /** How often the source is read for new updates. */
  pollMs?: number;
  /** The pause after every instance in turn refused an update, before the round starts again. */
  retryMs?: number;
  /** How long one delivery may take before it counts as failed. */
  requestTimeoutMs?: number;
}

export interface DispatcherStats {
  /** Updates answered 2xx. */
  delivered: number;
  /** Deliveries that failed (refused connection, reset, timeout or not 2xx) and were sent again. */
  failed: number;
  /** Updates answered 2xx, by the index of the target that answered. */
  byTarget: number[];
}

/**
 * A small round-robin load balancer in front of webhook instances, fed by the fake Bot API: it delivers one
 * chat's updates in sequence and different chats' concurrently, as Telegram does, each to the next
 * instance in turn, and sends an update again (to the next instance) until one answers 2xx.
 */
export interface WebhookDispatcher {
  readonly stats: DispatcherStats;
  /** Resolves when no update is waiting or being delivered. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** The chat an update belongs to, which orders its delivery; updates of no chat go one after another too. */
function chatOf(update: FakeUpdate): string {
  const fields: Record<string, unknown> = { ...update };
  for (const kind of ['message', 'edited_message', 'channel_post', 'my_chat_member', 'chat_member']) {
    const id = chatIdOf(fields[kind]);
    if (id !== undefined) return String(id);
  }
  const query = fields.callback_query;
  const queried =
    typeof query === 'object' && query !== null && 'message' in query ? chatIdOf(query.message) : undefined;
  return queried === undefined ? 'none' : String(queried);
}

/** The `chat.id` of an update's part (a message, a member change), when it has one. */
function chatIdOf(part: unknown): number | undefined {
  if (typeof part !== 'object' || part === null || !('chat' in part)) return undefined;
  const { chat } = part;
  return typeof chat === 'object' && chat !== null && 'id' in chat && typeof chat.id === 'number'
    ? chat.id
    : undefined;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startWebhookDispatcher(
  source: UpdateSource,
  options: WebhookDispatcherOptions,
): WebhookDispatcher {
  const { targets, secret } = options;
  const pollMs = options.pollMs ?? 5;
  const retryMs = options.retryMs ?? 100;
  const timeoutMs = options.requestTimeoutMs ?? 60_000;
  const stats: DispatcherStats = { delivered: 0, failed: 0, byTarget: targets.map(() => 0) };
  const chats = new Map<string, FakeUpdate[]>();
  let next = 0;
  let busy = 0;
  let closed = false;
  const idleWaiters: Array<() => void> = [];

  const post = async (target: string, body: string): Promise<boolean> => {
    try {
      const response = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer();
      return response.status >= 200 && response.status < 300;
    } catch {
      return false;
    }
  };

  const deliver = async (update: FakeUpdate): Promise<void> => {
    const body = JSON.stringify(update);
    for (let tries = 1; !closed; tries++) {
      const index = next % targets.length;
      next += 1;
      if (await post(targets[index] as string, body)) {
        stats.delivered += 1;
        stats.byTarget[index] = (stats.byTarget[index] ?? 0) + 1;
        return;
      }
      stats.failed += 1;
      if (tries % targets.length === 0) await pause(retryMs);
    }
  };

  const settle = () => {
    if (busy === 0 && chats.size === 0) for (const resolve of idleWaiters.splice(0)) resolve();
  };

  const drain = async (chat: string, queue: FakeUpdate[]): Promise<void> => {
    busy += 1;
    try {
      while (queue.length > 0 && !closed) {
        await deliver(queue[0] as FakeUpdate);
        queue.shift();
      }
    } finally {
      chats.delete(chat);
      busy -= 1;
      settle();
    }
  };

  const timer = setInterval(() => {
    for (const update of source.takeUpdates()) {
      const chat = chatOf(update);
      const queue = chats.get(chat);
      if (queue) queue.push(update);
      else {
        const fresh = [update];
        chats.set(chat, fresh);
        void drain(chat, fresh);
      }
    }
  }, pollMs);

  return {
    stats,
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settle();
      }),
    async close() {
      closed = true;
      clearInterval(timer);
      while (busy > 0) await pause(10);
    },
  };
}
