import { describe, expect, it } from 'vitest';
import { createChatStore } from '../../src/dev/fake-chat-store.js';
import { createWaiters } from '../../src/dev/fake-waiters.js';

const bot = { id: 1, is_bot: true, first_name: 'Bot' };
const chat = (id: number) => ({ id, type: 'private' as const, first_name: `User ${id}` });

describe('fake waiters', () => {
  it("re-checks a chat's waiter on changes to that chat or to no chat in particular, not on other chats'", async () => {
    const waiters = createWaiters();
    let checks = 0;
    let ready = false;
    const waiting = waiters.waitFor(
      () => {
        checks += 1;
        return ready ? 'done' : undefined;
      },
      1000,
      () => 'timed out',
      7,
    );
    expect(checks).toBe(1);
    waiters.notify(8);
    expect(checks).toBe(1);
    waiters.notify(7);
    waiters.notify();
    expect(checks).toBe(3);
    ready = true;
    waiters.notify(9);
    expect(checks).toBe(3);
    waiters.notify(7);
    await expect(waiting).resolves.toBe('done');
  });
});

describe('fake chat store', () => {
  it("lists the bot's messages newer than a point, in order, without the deleted ones", () => {
    const store = createChatStore();
    const user = { id: 5, is_bot: false, first_name: 'User 5' };
    const sent = [1, 2, 3, 4].map((n) =>
      store.add(chat(5), n === 2 ? user : bot, { text: `m${n}` }, n !== 2),
    );
    store.add(chat(6), bot, { text: 'other chat' }, true);
    const newer = (seq: number) => store.botMessagesAfter(5, seq).map((m) => m.message.text);
    expect(newer(0)).toEqual(['m1', 'm3', 'm4']);
    expect(newer((sent[0] as { seq: number }).seq)).toEqual(['m3', 'm4']);
    store.remove(5, (sent[2] as { message: { message_id: number } }).message.message_id);
    expect(newer(0)).toEqual(['m1', 'm4']);
    expect(store.botMessages(5).map((m) => m.message.text)).toEqual(['m1', 'm4']);
    expect(newer(store.lastSeq())).toEqual([]);
  });
});
