import { createMethodHandler } from './fake-bot-methods.js';
import type {
  FakeAnswer,
  FakeBotApiOptions,
  FakeCall,
  FakeCallbackQuery,
  FakeChat,
  FakeFailure,
  FakeMemberOptions,
  FakeMemberStatus,
  FakeMessage,
  FakeResponder,
  FakeUpdate,
  FakeUser,
} from './fake-bot-types.js';
import { createChatMembers } from './fake-chat-members.js';
import { createChatStore } from './fake-chat-store.js';
import { createFailRules, type PayloadPredicate } from './fake-fail-rules.js';
import { createFileStore } from './fake-file-store.js';
import { startFakeHttpServer } from './fake-http-server.js';
import { createObservers, type FakeObservers } from './fake-observers.js';
import { badRequest } from './fake-telegram-objects.js';
import { createUpdateQueue } from './fake-update-queue.js';
import { createUserActions, type FakeUserActions } from './fake-user-actions.js';
import { createWaiters } from './fake-waiters.js';
import { createWebhookState, type FakeWebhook } from './fake-webhook.js';

/**
 * A local fake of the Telegram Bot API for tests and the terminal demo. Point Telegraf at it with
 * `new Telegraf(api.token, { telegram: { apiRoot: api.apiRoot } })`, simulate users with sendText and
 * pressButton, and observe what the bot did with calls, messages and the waitFor methods.
 */
export interface FakeBotApi extends FakeUserActions, FakeObservers {
  /** e.g. `http://127.0.0.1:40123`. */
  readonly apiRoot: string;
  readonly token: string;
  /** The bot's own user, as getMe answers it. */
  readonly bot: FakeUser;
  /** Calls listener after each answered call except getUpdates (e.g. to print a chat); returns an unsubscribe. */
  onCall(listener: (call: FakeCall) => void): () => void;
  /** Answers calls itself before the fake does; return undefined to let the fake answer. */
  setResponder(responder: FakeResponder | undefined): void;
  /**
   * Makes matching calls fail, e.g. `failWith('sendMessage', undefined, { error_code: 429, retry_after: 3 })`.
   * Returns a function that removes the rule.
   */
  failWith(method: string, predicate: PayloadPredicate | undefined, failure: FakeFailure): () => void;
  /** The bytes of the photo, document or animation a message carries (e.g. one the bot sent). */
  fileBytes(message: FakeMessage): Buffer;
  /** How many bytes of a generated document (uploadGeneratedDocument) the file route has sent so far. */
  fileBytesServed(message: FakeMessage): number;
  /** What the user is in the chat from now on, as getChatMember and getChatAdministrators answer. */
  setChatMember(chatId: number, user: FakeUser, status: FakeMemberStatus, options?: FakeMemberOptions): void;
  /** What the bot's last setWebhook gave (url, secret_token, allowed_updates, max_connections); undefined when none is set. */
  webhook(): FakeWebhook | undefined;
  /**
   * The updates users made that no getUpdates has fetched, taken off the queue: with a webhook set, a test
   * delivers them to the bot's HTTP port itself, as Telegram would.
   */
  takeUpdates(): FakeUpdate[];
  /** Answers a held getUpdates with [], rejects pending waits and closes every connection. */
  close(): Promise<void>;
}

const DEFAULT_TOKEN = '7000000001:fake-token';

function createBotUser(token: string, options: FakeBotApiOptions): FakeUser {
  const id = Number(token.split(':')[0]);
  if (!Number.isInteger(id) || id <= 0)
    throw new TypeError('a bot token starts with the bot id: "<id>:<secret>"');
  const username = options.username ?? 'perceptron_test_bot';
  return { id, is_bot: true, first_name: options.firstName ?? 'Perceptron Test Bot', username };
}

/** The chat a call can change, when it names one; methods naming none may change any. */
function chatOfCall(payload: Record<string, unknown>): number | undefined {
  const id = Number(payload.chat_id);
  return typeof payload.chat_id !== 'undefined' && Number.isSafeInteger(id) ? id : undefined;
}

/** Starts the fake on 127.0.0.1 with a random port. */
export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const token = options.token ?? DEFAULT_TOKEN;
  const bot = createBotUser(token, options);
  const waiters = createWaiters();
  const queue = createUpdateQueue(() => waiters.notify());
  const store = createChatStore();
  const files = createFileStore();
  const members = createChatMembers(store);
  const openCallbackIds = new Set<string>();
  const commands = new Map<string, unknown>();
  const webhook = createWebhookState(queue);
  const handle = createMethodHandler({ bot, store, files, members, commands, openCallbackIds, webhook });
  const calls: FakeCall[] = [];
  const rules = createFailRules();
  const listeners = new Set<(call: FakeCall) => void>();
  let responder: FakeResponder | undefined;
  let busy = 0;

  const answer = async (call: FakeCall, clientGone: AbortSignal): Promise<FakeAnswer> => {
    const custom = responder?.(call) ?? rules.answerFor(call);
    if (custom) return custom;
    if (call.method !== 'getUpdates') {
      try {
        return handle(call.method, call.payload);
      } catch (error) {
        return badRequest(error instanceof Error ? error.message : String(error));
      }
    }
    const refused = webhook.refusePolling();
    if (refused) return refused;
    const poll = queue.poll(call.payload);
    clientGone.addEventListener('abort', poll.cancel);
    return await poll.answer;
  };

  const server = await startFakeHttpServer(token, files.download, async (method, payload, clientGone) => {
    const call: FakeCall = { method, payload, at: Date.now() };
    const counted = method !== 'getUpdates';
    calls.push(call);
    if (counted) busy += 1;
    try {
      call.answer = await answer(call, clientGone);
      return call.answer;
    } finally {
      if (counted) busy -= 1;
      waiters.notify(counted ? chatOfCall(payload) : undefined);
      if (counted) for (const listener of listeners) queueMicrotask(() => listener(call));
    }
  });

  const observing = createObservers({ store, queue, waiters, calls, commands, isBusy: () => busy > 0 });
  const actions = createUserActions({
    store,
    files,
    queue,
    openCallbackIds,
    onAction: observing.markUserAction,
  });
  return {
    ...actions,
    ...observing.observers,
    apiRoot: server.apiRoot,
    token,
    bot,
    onCall(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setResponder: (next) => {
      responder = next;
    },
    failWith: (method, predicate, failure) => rules.add(method, predicate, failure),
    fileBytes(message) {
      const stored = store.find(message.chat.id, message.message_id)?.message ?? message;
      const fileId = (stored.photo?.at(-1) ?? stored.document ?? stored.animation)?.file_id;
      const bytes = fileId === undefined ? undefined : files.bytes(fileId);
      if (!bytes) throw new Error(`message ${message.message_id} in chat ${message.chat.id} carries no file`);
      return bytes;
    },
    fileBytesServed: (message) => files.served(message.document?.file_id ?? ''),
    setChatMember: (chatId, user, status, options) => members.set(chatId, user, status, options),
    webhook: () => webhook.current(),
    takeUpdates: () => queue.take(),
    async close() {
      queue.close();
      waiters.rejectAll('the fake Bot API was closed');
      await server.close();
    },
  };
}

export type { FakeCall, FakeCallbackQuery, FakeChat, FakeMessage, FakeUpdate, FakeUser, FakeWebhook };
