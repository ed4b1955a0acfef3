import type { Language } from '../../src/config/config.js';
import type { FakeBotApi, FakeChat, FakeUser } from '../../src/dev/fake-bot-api.js';
import { type Translate, textsFor } from './texts.js';

/** A simulated person: their Telegram user, their private chat with the bot, and the texts they should see. */
export interface Member {
  user: FakeUser;
  chat: FakeChat;
  /** The language the bot should answer in, from the user's Telegram language. */
  language: Language;
  t: Translate;
}

/** Hands out members with distinct ids, so that tests sharing one bot never share a perceptron. */
export function createMembers(
  api: FakeBotApi,
  firstId = 1001,
): { next(language: string | undefined): Member } {
  let id = firstId;
  return {
    next(language) {
      id += 1;
      const user = api.user(id, {
        first_name: `Member ${id}`,
        ...(language === undefined ? {} : { language_code: language }),
      });
      const spoken: Language = language?.startsWith('ru') ? 'ru' : 'en';
      return { user, chat: api.privateChat(user), language: spoken, t: textsFor(spoken) };
    },
  };
}
