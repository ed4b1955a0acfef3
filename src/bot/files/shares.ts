import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { DocumentStore } from '../../storage/index.js';
import { storedContentSchema } from '../kit/state/documents.js';

declare module '../kit/bot-dependencies.js' {
  interface BotDependencies {
    /** Share links (`share-<code>`) and each sharer's list of them (`sharer-<user id>`). */
    shares: DocumentStore<ShareRecord>;
  }
}

/** What opens a share in a /start payload; other deep links use other prefixes. */
export const SHARE_PAYLOAD_PREFIX = 's_';

const CODE = /^[A-Za-z0-9_-]{16}$/;

/** The two kinds of link: the rows and settings, or those with the trained weights. */
const shareKindSchema = z.enum(['data', 'model']);

/** What every share link's document says: whose it is, of which kind, since when. */
const shareHeadSchema = z.object({
  version: z.literal(2),
  kind: z.literal('share'),
  owner: z.number().int(),
  share: shareKindSchema,
  createdAt: z.number(),
});

/**
 * One share link. While live it holds a copy of the sharer's perceptron as it was at /share (with the
 * weights for 'model'), so that later edits, /clear or another dataset never reach the link. A new
 * /share of the same kind replaces it, /share off revokes it: either way the copy is dropped.
 */
const shareSchema = z.discriminatedUnion('state', [
  shareHeadSchema.extend({ state: z.literal('live'), copy: storedContentSchema }),
  shareHeadSchema.extend({ state: z.enum(['replaced', 'revoked']) }),
]);

/** A sharer's live links, at most one per kind: what bounds the copies kept for them. */
const sharerSchema = z.object({
  version: z.literal(2),
  kind: z.literal('sharer'),
  live: z.object({ data: z.string().regex(CODE).optional(), model: z.string().regex(CODE).optional() }),
});

/*
 * Documents of the first share links, which copied the sharer's perceptron as it was when opened: such
 * a link opens nothing any more (it could hand out data shared long after it), and says so.
 */
const legacyShareSchema = z.object({
  version: z.literal(1),
  kind: z.literal('share'),
  owner: z.number().int(),
  source: z.string().regex(/^[A-Za-z0-9_-]+$/),
  withModel: z.boolean(),
  createdAt: z.number(),
  revoked: z.boolean(),
});
const legacySharerSchema = z.object({
  version: z.literal(1),
  kind: z.literal('sharer'),
  codes: z.array(z.string().regex(CODE)),
});

export type ShareKind = z.infer<typeof shareKindSchema>;
export type ShareHead = z.infer<typeof shareHeadSchema>;
export type ShareDoc = z.infer<typeof shareSchema>;
export type SharerDoc = z.infer<typeof sharerSchema>;
export type LegacyShareDoc = z.infer<typeof legacyShareSchema> | z.infer<typeof legacySharerSchema>;
export type ShareRecord = ShareDoc | SharerDoc | LegacyShareDoc;

/** Shape check used by the store before it trusts a file. */
export const isShareRecord = (value: unknown): value is ShareRecord =>
  [shareSchema, sharerSchema, legacyShareSchema, legacySharerSchema].some(
    (schema) => schema.safeParse(value).success,
  );

/** A new code: 96 random bits in 16 base64url characters, so `s_<code>` fits a start payload (64). */
export function createShareCode(): string {
  return randomBytes(12).toString('base64url');
}

/** The code of a /start payload, or undefined when the payload is not a well-formed share code. */
export function readShareCode(payload: string): string | undefined {
  const code = payload.slice(SHARE_PAYLOAD_PREFIX.length);
  return payload.startsWith(SHARE_PAYLOAD_PREFIX) && CODE.test(code) ? code : undefined;
}

export const shareKey = (code: string): string => `share-${code}`;
export const sharerKey = (userId: number): string => `sharer-${userId}`;

/** The deep link that opens a share in a private chat with the bot. */
export const shareLink = (botUsername: string, code: string): string =>
  `https://t.me/${botUsername}?start=${SHARE_PAYLOAD_PREFIX}${code}`;
