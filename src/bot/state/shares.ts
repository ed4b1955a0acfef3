import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** Button code of [Copy to my bot]: anyone in the group may press it. */
export const COPY_SHARE_BUTTON = 'sg';

/** What opens a share in a /start payload; other deep links use other prefixes. */
export const SHARE_PAYLOAD_PREFIX = 's_';

/** One share link: whose perceptron it copies, and whether the trained weights come along. */
export interface ShareDoc {
  version: 1;
  kind: 'share';
  owner: number;
  /** Store key of the shared perceptron: the sharer's in the chat where /share was sent. */
  source: string;
  withModel: boolean;
  createdAt: number;
  revoked: boolean;
}

/** The codes of one sharer's links, so that /share off finds them all. */
export interface SharerDoc {
  version: 1;
  kind: 'sharer';
  codes: string[];
}

export type ShareRecord = ShareDoc | SharerDoc;

const CODE = /^[A-Za-z0-9_-]{16}$/;

const shareSchema = z.object({
  version: z.literal(1),
  kind: z.literal('share'),
  owner: z.number().int(),
  source: z.string().regex(/^[A-Za-z0-9_-]+$/),
  withModel: z.boolean(),
  createdAt: z.number(),
  revoked: z.boolean(),
});
const sharerSchema = z.object({
  version: z.literal(1),
  kind: z.literal('sharer'),
  codes: z.array(z.string().regex(CODE)),
});

/** Shape check used by the store before it trusts a file. */
export const isShareRecord = (value: unknown): value is ShareRecord =>
  shareSchema.safeParse(value).success || sharerSchema.safeParse(value).success;

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
