import { commandsKey } from './fake-bot-methods.js';
import type { FakeCall, FakeInlineButton, FakeMessage } from './fake-bot-types.js';
import type { ChatStore } from './fake-chat-store.js';
import { snapshotMessage } from './fake-message-methods.js';
import { listInlineButtons } from './fake-telegram-objects.js';
import type { UpdateQueue } from './fake-update-queue.js';
import type { Waiters } from './fake-waiters.js';

type Payload = Record<string, unknown>;

/** Reading what the bot did. Waits default to 5 s and reject with what was awaited and what came last. */
export interface FakeObservers {
  /** Every call the bot made, getUpdates included, in arrival order. */
  readonly calls: readonly FakeCall[];
  /** The current state of each message the bot sent to the chat and did not delete, oldest first. */
  messages(chatId: number): FakeMessage[];
  /** The inline buttons of a message, row after row. */
  buttons(message: FakeMessage): FakeInlineButton[];
  /** The command list set for a scope (default scope when absent) and language code, if any. */
  commands(options?: { language_code?: string; scope?: object }): unknown;
  /**
   * The first bot message in the chat that matches and is newer than both the simulated user's last action
   * in that chat and the message the previous waitForMessage for the chat returned. The predicate sees the
   * message's current state (after edits), as stored: it must not change it; the answer is a copy.
   */
  waitForMessage(
    chatId: number,
    predicate?: (message: FakeMessage) => boolean,
    timeoutMs?: number,
  ): Promise<FakeMessage>;
  /** The first answered call to method made after the last simulated user action and the previous match. */
  waitForCall(
    method: string,
    predicate?: (payload: Payload, call: FakeCall) => boolean,
    timeoutMs?: number,
  ): Promise<FakeCall>;
  /** Resolves when every update was handled and confirmed, nothing is in flight and the bot polls again. */
  waitForIdle(timeoutMs?: number): Promise<void>;
}

export interface ObserverDeps {
  store: ChatStore;
  queue: UpdateQueue;
  waiters: Waiters;
  calls: FakeCall[];
  commands: Map<string, unknown>;
  isBusy: () => boolean;
}

const DEFAULT_TIMEOUT_MS = 5000;

function describePredicate(predicate: ((...args: never[]) => boolean) | undefined): string {
  if (!predicate) return '';
  const source = predicate.toString().replace(/\s+/g, ' ');
  return ` matching ${source.length > 120 ? `${source.slice(0, 117)}...` : source}`;
}

export function createObservers(deps: ObserverDeps): {
  observers: FakeObservers;
  markUserAction: (chatId: number | undefined) => void;
} {
  const { store, queue, waiters, calls } = deps;
  const chatCursors = new Map<number, number>();
  let callCursor = 0;

  const describeLast = (chatId: number): string => {
    const last = store.botMessages(chatId).at(-1)?.message;
    if (!last) return 'nothing from the bot';
    const body = last.text ?? last.caption ?? last.media_method ?? '';
    const buttons = listInlineButtons(last.reply_markup).map((b) => b.text);
    return `message ${last.message_id} ${JSON.stringify(body)}${buttons.length ? ` with buttons ${JSON.stringify(buttons)}` : ''}`;
  };

  const observers: FakeObservers = {
    calls,
    messages: (chatId) => store.botMessages(chatId).map((m) => snapshotMessage(m.message)),
    buttons: (message) => listInlineButtons(message.reply_markup),
    commands: (options = {}) => deps.commands.get(commandsKey(options.scope, options.language_code)),
    waitForMessage(chatId, predicate, timeoutMs = DEFAULT_TIMEOUT_MS) {
      const after = chatCursors.get(chatId) ?? 0;
      const check = (): FakeMessage | undefined => {
        // The predicate reads the stored message itself: a copy for every message, every call, costs more
        // than the bot being measured.
        const found = store.botMessagesAfter(chatId, after).find((m) => predicate?.(m.message) ?? true);
        if (!found) return undefined;
        chatCursors.set(chatId, Math.max(chatCursors.get(chatId) ?? 0, found.seq));
        return snapshotMessage(found.message);
      };
      const describe = () =>
        `Timed out after ${timeoutMs} ms waiting for a bot message in chat ${chatId}${describePredicate(predicate)}; ` +
        `the chat last got: ${describeLast(chatId)}`;
      return waiters.waitFor(check, timeoutMs, describe, chatId);
    },
    waitForCall(method, predicate, timeoutMs = DEFAULT_TIMEOUT_MS) {
      const after = callCursor;
      const matches = (call: FakeCall) =>
        call.method === method && call.answer !== undefined && (predicate?.(call.payload, call) ?? true);
      const check = (): FakeCall | undefined => {
        let index = after;
        while (index < calls.length && !matches(calls[index] as FakeCall)) index += 1;
        if (index >= calls.length) return undefined;
        callCursor = Math.max(callCursor, index + 1);
        return calls[index];
      };
      const describe = () => {
        const last = calls.filter((c) => c.method === method).at(-1);
        const seen = last
          ? `the last one had ${JSON.stringify(last.payload).slice(0, 300)}`
          : 'there were none';
        return `Timed out after ${timeoutMs} ms waiting for a ${method} call${describePredicate(predicate)}; ${seen}`;
      };
      return waiters.waitFor(check, timeoutMs, describe);
    },
    async waitForIdle(timeoutMs = DEFAULT_TIMEOUT_MS) {
      const check = () => (queue.pending() === 0 && queue.isHolding() && !deps.isBusy() ? true : undefined);
      const describe = () =>
        `Timed out after ${timeoutMs} ms waiting for the bot to be idle: ${queue.pending()} updates unconfirmed, ` +
        `${deps.isBusy() ? 'calls in flight' : 'no call in flight'}, ${queue.isHolding() ? 'polling' : 'not polling'}`;
      await waiters.waitFor(check, timeoutMs, describe);
    },
  };
  const markUserAction = (chatId: number | undefined): void => {
    if (chatId !== undefined) chatCursors.set(chatId, store.lastSeq());
    callCursor = calls.length;
  };
  return { observers, markUserAction };
}
