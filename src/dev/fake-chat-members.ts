import type { FakeAnswer, FakeMemberOptions, FakeMemberStatus, FakeUser } from './fake-bot-types.js';
import type { ChatStore } from './fake-chat-store.js';
import { badRequest, createFakeUser, okAnswer } from './fake-telegram-objects.js';

type Payload = Record<string, unknown>;

/** Who is what in each chat; anyone not set is a plain member. */
export interface ChatMembers {
  set(chatId: number, user: FakeUser, status: FakeMemberStatus, options?: FakeMemberOptions): void;
  methods: Record<string, (payload: Payload) => FakeAnswer>;
}

interface Known {
  user: FakeUser;
  status: FakeMemberStatus;
  options?: FakeMemberOptions;
}

function memberObject({ user, status, options }: Known): Record<string, unknown> {
  const member: Record<string, unknown> = { status, user };
  if (status === 'creator') member.is_anonymous = false;
  if (status === 'administrator') {
    Object.assign(member, { can_be_edited: false, is_anonymous: false, can_manage_chat: true });
  }
  if (status === 'restricted') {
    Object.assign(member, { is_member: options?.isMember ?? true, can_send_messages: false, until_date: 0 });
  }
  if (status === 'kicked') member.until_date = 0;
  return member;
}

export function createChatMembers(store: ChatStore): ChatMembers {
  const byChat = new Map<number, Map<number, Known>>();
  const chatOf = (payload: Payload) => store.chat(Number(payload.chat_id));

  return {
    set(chatId, user, status, options) {
      const members = byChat.get(chatId) ?? new Map();
      members.set(user.id, { user, status, ...(options ? { options } : {}) });
      byChat.set(chatId, members);
    },
    methods: {
      getChatMember(payload) {
        const chat = chatOf(payload);
        if (!chat) return badRequest('chat not found');
        const userId = Number(payload.user_id);
        if (!Number.isSafeInteger(userId) || userId <= 0) return badRequest('invalid user_id specified');
        const known = byChat.get(chat.id)?.get(userId);
        return okAnswer(memberObject(known ?? { user: createFakeUser(userId), status: 'member' }));
      },
      getChatAdministrators(payload) {
        const chat = chatOf(payload);
        if (!chat) return badRequest('chat not found');
        if (chat.type === 'private') return badRequest('there are no administrators in the private chat');
        const admins = [...(byChat.get(chat.id)?.values() ?? [])].filter(
          (m) => m.status === 'creator' || m.status === 'administrator',
        );
        return okAnswer(admins.map(memberObject));
      },
    },
  };
}
