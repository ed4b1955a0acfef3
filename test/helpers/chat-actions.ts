import type { FakeBotApi, FakeChat, FakeMessage, FakeUser } from '../../src/dev/fake-bot-api.js';

/** What a test does in a chat through the fake Bot API, and waits for the bot to answer. */
export interface ChatActions {
  /**
   * Sends a text and resolves with the first message the bot sends to the chat after it, photos left out:
   * in a private chat a picture follows each training by itself and answers no message (nextPicture in
   * datasets.ts waits for one).
   */
  say(
    user: FakeUser,
    chat: FakeChat,
    text: string,
    extra?: { reply_to_message?: FakeMessage },
  ): Promise<FakeMessage>;
  /** The next bot message in the chat (after the last action there) that contains `part`; photos left out, as by say. */
  next(chat: FakeChat, part?: string, timeoutMs?: number): Promise<FakeMessage>;
  /** Resolves with the bot's message once its current text (after edits) satisfies `done`. */
  edited(message: FakeMessage, done: (text: string) => boolean, timeoutMs?: number): Promise<FakeMessage>;
  /** Presses the button whose label is `label` and resolves with the notice the presser saw, if any. */
  press(message: FakeMessage, label: string, user: FakeUser): Promise<string | undefined>;
  /**
   * Delivers a press with any data, even data no button carries (a forged or outdated client), and
   * resolves with the notice the bot answered it with.
   */
  pressRaw(message: FakeMessage, data: string, user: FakeUser): Promise<string | undefined>;
  /** Every text the bot sent or edited a message to, in order. */
  sentTexts(): string[];
}

export function createChatActions(api: FakeBotApi): ChatActions {
  let rawPresses = 0;
  const noticeFor = async (queryId: string) => {
    const answer = await api.waitForCall('answerCallbackQuery', (p) => p.callback_query_id === queryId);
    return answer.payload.text as string | undefined;
  };

  return {
    say(user, chat, text, extra) {
      api.sendText(chat, user, text, extra);
      return api.waitForMessage(chat.id, (message) => message.photo === undefined);
    },
    next: (chat, part, timeoutMs) =>
      api.waitForMessage(
        chat.id,
        (m) => m.photo === undefined && (part === undefined || (m.text ?? '').includes(part)),
        timeoutMs,
      ),
    async edited(message, done, timeoutMs) {
      const { chat, message_id } = message;
      const current = () => api.messages(chat.id).find((m) => m.message_id === message_id);
      const matches = () => done(current()?.text ?? '');
      if (!matches()) {
        const isThisMessage = (p: Record<string, unknown>) =>
          Number(p.chat_id) === chat.id && Number(p.message_id) === message_id;
        await api.waitForCall('editMessageText', (p) => isThisMessage(p) && matches(), timeoutMs);
      }
      return current() ?? message;
    },
    press(message, label, user) {
      const button = api.buttons(message).find((b) => b.text === label);
      if (!button?.callback_data) {
        const labels = JSON.stringify(api.buttons(message).map((b) => b.text));
        throw new Error(`no button "${label}" on message ${message.message_id}; it has ${labels}`);
      }
      return noticeFor(api.pressButton(message, button.callback_data, user).id);
    },
    pressRaw(message, data, user) {
      rawPresses += 1;
      const id = `raw-${rawPresses}`;
      const chat_instance = String(message.chat.id);
      api.sendUpdate({ callback_query: { id, from: user, message, chat_instance, data } });
      return noticeFor(id);
    },
    sentTexts: () =>
      api.calls
        .filter((call) => call.method === 'sendMessage' || call.method === 'editMessageText')
        .map((call) => String(call.payload.text)),
  };
}
