import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Telegraf } from 'telegraf';
import type { z } from 'zod';
import { isInGroup, readStanding } from '../bot/exercises/member-status.js';
import type { BotContext } from '../bot/kit/bot-context.js';
import type { BotDependencies } from '../bot/kit/bot-dependencies.js';
import { languageFromTelegram } from '../bot/kit/middleware/locale.js';
import type { Language } from '../config/config.js';
import { readBody } from '../http/read-body.js';
import type { Router } from '../http/router.js';
import { sendJson } from '../http/send-json.js';
import {
  API_PATH,
  addRowsRequestSchema,
  changeSettingsRequestSchema,
  deleteRowRequestSchema,
  keepWeightsRequestSchema,
  MAX_API_BODY_BYTES,
  readGroupStartParam,
  stopRequestSchema,
  trainRequestSchema,
} from '../miniapp-api/api-schema.js';
import { formatUserKey } from '../storage/index.js';
import type { KeyedQueue } from '../storage/keyed-queue.js';
import {
  type Action,
  type Answer,
  addRows,
  changeSettings,
  deleteRow,
  keepWeights,
  showState,
  startAppTraining,
  stopAppTraining,
  trainingProgress,
} from './api-actions.js';
import { checkInitData, type VerifiedInitData } from './init-data.js';
import { type AppMember, memberContext, turnKeyOf } from './member-context.js';
import { API_POLICY, setSecurityHeaders } from './page-files.js';
import { createRequestLimit } from './request-limit.js';
import type { TrainingWatch } from './training-watch.js';

export interface ApiOptions {
  deps: BotDependencies;
  bot: Telegraf<BotContext>;
  botToken: string;
  watch: TrainingWatch;
  /** One member's turns, shared with the chat's updates. */
  turns: KeyedQueue;
  requestsPerMinute: number;
  /** Seconds since 1970; the clock by default. */
  nowSeconds?: () => number;
}

/**
 * Mounts the endpoints of src/miniapp-api/api-schema.ts under /app/api/. Each request is authorised by
 * its initData (`Authorization: tma <initData>`); the user is only ever the one it names, and a group's
 * perceptron opens only to a member of the group, as Telegram says. Then the per-user request limit, the
 * body's size and shape, and the action, in the member's turn with their updates from the chat.
 */
export function mountApi(router: Router, api: ApiOptions): void {
  const limit = createRequestLimit(api.requestsPerMinute);
  const endpoint = <T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T> | undefined,
    action: Action<T>,
  ) => {
    router.mount(method, `${API_PATH}${path}`, (request, response) =>
      answer(api, limit, request, response, schema, action),
    );
  };
  endpoint('GET', 'state', undefined, showState);
  endpoint('POST', 'rows', addRowsRequestSchema, addRows);
  endpoint('POST', 'rows/delete', deleteRowRequestSchema, deleteRow);
  endpoint('POST', 'weights', keepWeightsRequestSchema, keepWeights);
  endpoint('POST', 'settings', changeSettingsRequestSchema, changeSettings);
  endpoint('POST', 'train', trainRequestSchema, startAppTraining);
  endpoint('GET', 'train', undefined, trainingProgress);
  endpoint('POST', 'train/stop', stopRequestSchema, stopAppTraining);
}

async function answer<T>(
  api: ApiOptions,
  limit: ReturnType<typeof createRequestLimit>,
  request: IncomingMessage,
  response: ServerResponse,
  schema: z.ZodType<T> | undefined,
  action: Action<T>,
): Promise<void> {
  setSecurityHeaders(response, API_POLICY);
  const { deps } = api;
  const refuse = (status: number, language: Language, key: Parameters<BotContext['t']>[0], vars = {}) =>
    sendJson(response, status, { error: deps.i18n.translatorFor(language)(key, vars) });
  const verified = verify(api, request);
  if (!verified) {
    // A stranger's body is not read: the connection ends with the answer.
    response.setHeader('connection', 'close');
    return refuse(401, deps.config.defaultLanguage, 'app.api.unauthorized');
  }
  const language = await languageOf(deps, verified);
  const wait = limit.take(verified.userId);
  if (wait > 0) {
    response.setHeader('retry-after', String(wait));
    response.setHeader('connection', 'close');
    return refuse(429, language, 'app.api.tooMany', { seconds: wait });
  }
  let body: unknown = {};
  if (request.method === 'POST') {
    const raw = await readBody(request, MAX_API_BODY_BYTES);
    if (raw === 'too-large') {
      response.setHeader('connection', 'close');
      return refuse(413, language, 'app.api.tooLarge');
    }
    body = readJson(raw);
  }
  const parsed = schema ? schema.safeParse(body) : { success: true as const, data: body as T };
  if (!parsed.success) return refuse(400, language, 'app.api.badRequest');
  const member = await findMember(api, verified);
  if (member === 'outsider') return refuse(403, language, 'app.api.notInGroup');
  if (member === 'unknown') return refuse(403, language, 'app.api.checkFailed');
  let result: Answer;
  try {
    result = await api.turns.run(turnKeyOf(member), async () => {
      const ctx = await memberContext(deps, api.bot, member);
      return action(api, ctx, member, parsed.data);
    });
  } catch (error) {
    deps.logger.error({ err: error, path: request.url }, 'a Mini App request failed');
    return refuse(500, language, 'app.api.failed');
  }
  sendJson(response, result.status, result.body);
}

/** The initData of the Authorization header once its signature and age hold; undefined otherwise. */
function verify(api: ApiOptions, request: IncomingMessage): VerifiedInitData | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^tma (.+)$/.exec(header) : null;
  if (!match?.[1]) return undefined;
  const now = api.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
  const check = checkInitData(match[1], api.botToken, now);
  return check.ok ? check.data : undefined;
}

/** The member's language as the chat speaks to them: their /lang choice, else their Telegram's. */
async function languageOf(deps: BotDependencies, verified: VerifiedInitData): Promise<Language> {
  const chosen = (await deps.profiles.read(formatUserKey(verified.userId)))?.language;
  return chosen ?? languageFromTelegram(verified.languageCode, deps.config.defaultLanguage);
}

/**
 * The member and their chat: their private chat, or the group a start_param names when Telegram says
 * they are in it ('outsider' when not, 'unknown' when Telegram could not say: then nobody is let in).
 */
async function findMember(
  api: ApiOptions,
  verified: VerifiedInitData,
): Promise<AppMember | 'outsider' | 'unknown'> {
  const person = {
    userId: verified.userId,
    firstName: verified.firstName,
    ...(verified.languageCode ? { languageCode: verified.languageCode } : {}),
  };
  const groupId = verified.startParam ? readGroupStartParam(verified.startParam) : undefined;
  if (groupId === undefined || groupId > 0)
    return { ...person, chat: { id: verified.userId, kind: 'private' } };
  const standing = await readStanding(api.deps, api.bot.telegram, groupId, verified.userId);
  if (standing === 'unknown') return 'unknown';
  if (!isInGroup(standing)) return 'outsider';
  return { ...person, chat: { id: groupId, kind: 'group' } };
}

/** The body as JSON, or undefined (which no schema takes) when it is not. */
function readJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}
