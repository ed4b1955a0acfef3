import { randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a code read aloud or copied from a board is not mistaken.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 8;

/** `size` symbols of 5 random bits each, from node:crypto. */
function randomSymbols(size: number, random: (bytes: number) => Buffer): string {
  const bytes = random(size);
  return Array.from(bytes, (byte) => ALPHABET[byte & 31]).join('');
}

/** A code for an own task, `EX-` and 8 symbols: 40 random bits, too many to guess. */
export function createExerciseCode(random: (bytes: number) => Buffer = randomBytes): string {
  return `EX-${randomSymbols(CODE_LENGTH, random)}`;
}

/** The code in `text` written as the bot writes it (letter case aside), or undefined. */
export function parseExerciseCode(text: string): string | undefined {
  const code = text.trim().toUpperCase();
  const symbols = `[${ALPHABET}]{${CODE_LENGTH}}`;
  return new RegExp(`^EX-${symbols}$`).test(code) ? code : undefined;
}

/** The id of one run of an exercise in a group, 40 random bits; part of the deep link. */
export function createRunId(random: (bytes: number) => Buffer = randomBytes): string {
  return randomSymbols(CODE_LENGTH, random);
}

/** Where a [Work in private] link leads: the group and the run of the exercise there. */
export interface ExerciseLink {
  chatId: number;
  runId: string;
}

const PAYLOAD = /^ex(-?\d{1,20})_([0-9A-Z]{8})$/;

/** The /start payload of a link: `ex-1001234567890_7F3KQ2AB`, well within 64 characters of [A-Za-z0-9_-]. */
export function formatLinkPayload(link: ExerciseLink): string {
  return `ex${link.chatId}_${link.runId}`;
}

/** The link a payload names, or undefined for anything else. */
export function parseLinkPayload(payload: string): ExerciseLink | undefined {
  const match = PAYLOAD.exec(payload.trim());
  if (!match) return undefined;
  const chatId = Number(match[1]);
  return Number.isSafeInteger(chatId) ? { chatId, runId: match[2] as string } : undefined;
}
