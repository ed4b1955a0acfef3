import type { FakeAnswer, FakeUser } from './fake-bot-types.js';
import type { ChatMembers } from './fake-chat-members.js';
import type { ChatStore } from './fake-chat-store.js';
import type { FileStore } from './fake-file-store.js';
import { createMessageMethods } from './fake-message-methods.js';
import { badRequest, errorAnswer, okAnswer } from './fake-telegram-objects.js';
import type { WebhookState } from './fake-webhook.js';

type Payload = Record<string, unknown>;

export interface BotMethodsState {
  bot: FakeUser;
  store: ChatStore;
  files: FileStore;
  members: ChatMembers;
  /** Command lists by commandsKey(scope, language_code). */
  commands: Map<string, unknown>;
  /** Callback queries sent to the bot and not answered yet. */
  openCallbackIds: Set<string>;
  webhook: WebhookState;
}

/** The key a command list is stored under: its scope (default when absent) and language code. */
export function commandsKey(scope: unknown, languageCode: unknown): string {
  const scopeJson = typeof scope === 'string' ? scope : JSON.stringify(scope ?? { type: 'default' });
  return `${scopeJson}|${typeof languageCode === 'string' ? languageCode : ''}`;
}

function checkCommands(commands: unknown): FakeAnswer | undefined {
  const list = typeof commands === 'string' ? (JSON.parse(commands) as unknown) : commands;
  if (!Array.isArray(list)) return badRequest('field "commands" must be an Array');
  for (const entry of list as Payload[]) {
    if (!/^[a-z0-9_]{1,32}$/.test(String(entry.command))) return badRequest('BOT_COMMAND_INVALID');
    const description = String(entry.description ?? '');
    if (description.length < 1 || description.length > 256) {
      return badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
  }
  return undefined;
}

/** An object parameter arrives as an object (JSON body) or as JSON text (form fields). */
function readJsonField(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Answers a Bot API method synchronously; getUpdates is handled by the update queue instead. A method the
 * fake does not know gets Telegram's 404, so a misspelt call fails the test that makes it.
 */
export function createMethodHandler(
  state: BotMethodsState,
): (method: string, payload: Payload) => FakeAnswer {
  const { bot, commands, openCallbackIds } = state;
  // By chat id; '' is the default every private chat without its own shows.
  const menuButtons = new Map<string, unknown>();
  const key = (payload: Payload): string => commandsKey(payload.scope, payload.language_code);
  const handlers: Record<string, (payload: Payload) => FakeAnswer> = {
    ...createMessageMethods(state.store, bot, state.files),
    ...state.members.methods,
    ...state.webhook.methods,
    getFile: (payload) => state.files.getFile(payload),
    sendChatAction: (payload) =>
      state.store.chat(Number(payload.chat_id)) ? okAnswer(true) : badRequest('chat not found'),
    getMe: () =>
      okAnswer({
        ...bot,
        can_join_groups: true,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
      }),
    answerCallbackQuery: (payload) =>
      openCallbackIds.delete(String(payload.callback_query_id))
        ? okAnswer(true)
        : badRequest('query is too old and response timeout expired or query ID is invalid'),
    setMyCommands: (payload) => {
      const failure = checkCommands(payload.commands);
      if (failure) return failure;
      commands.set(key(payload), payload.commands);
      return okAnswer(true);
    },
    getMyCommands: (payload) => okAnswer(commands.get(key(payload)) ?? []),
    deleteMyCommands: (payload) => {
      commands.delete(key(payload));
      return okAnswer(true);
    },
    setChatMenuButton: (payload) => {
      const button = readJsonField(payload.menu_button) as Payload | undefined;
      const url = (button?.web_app as Payload | undefined)?.url;
      if (button?.type === 'web_app' && (typeof url !== 'string' || !URL.canParse(url) || !button.text))
        return badRequest('BUTTON_URL_INVALID');
      menuButtons.set(String(payload.chat_id ?? ''), button ?? { type: 'default' });
      return okAnswer(true);
    },
    getChatMenuButton: (payload) =>
      okAnswer(menuButtons.get(String(payload.chat_id ?? '')) ?? { type: 'default' }),
  };
  return (method, payload) => handlers[method]?.(payload) ?? errorAnswer({ error_code: 404 });
}
