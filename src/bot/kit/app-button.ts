import { formatGroupStartParam } from '../../miniapp-api/api-schema.js';
import { type BotContext, isGroupChat } from './bot-context.js';
import type { BotDependencies } from './bot-dependencies.js';
import type { Keyboard } from './reply.js';

/**
 * The row with [Open] under results, /weights and /plot when the Mini App is served (PUBLIC_URL): a
 * `web_app` button in a private chat (Telegram allows them nowhere else), and in a group, when the app's
 * short name is known (MINIAPP_SHORT_NAME), a t.me link that opens the member's perceptron of that group.
 * No row otherwise.
 */
export function openAppRows(deps: BotDependencies, ctx: BotContext): Keyboard {
  const app = deps.config.miniApp;
  const chat = ctx.chat;
  if (!app || !chat) return [];
  const text = ctx.t('buttons.openApp');
  if (chat.type === 'private') return [[{ text, web_app: { url: `${app.publicUrl}/app/` } }]];
  if (!isGroupChat(ctx) || !app.shortName || !ctx.botInfo?.username) return [];
  const url = `https://t.me/${ctx.botInfo.username}/${app.shortName}?startapp=${formatGroupStartParam(chat.id)}`;
  return [[{ text, url }]];
}
