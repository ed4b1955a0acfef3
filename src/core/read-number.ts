/**
 * The one way the bot reads a number someone typed: in rows, in /predict, in /set and in counts such as
 * /train 5000 and /del 3.
 *
 * Decimal with optional sign, fraction and exponent (-1, +2, .5, 2., 1e-3); a comma may stand for the
 * decimal point (0,5); the minus sign U+2212 counts as '-'. Hex, binary, `1_000` and `1..2` are
 * not-a-number; NaN, Infinity, ∞ and overflowing values like 1e999 are not-finite.
 *
 * Invisible format marks (zero-width spaces and joiners, the word joiner, the BOM, RTL marks) at the edges
 * of a number are dropped. One between two characters of a number (`1\u200b0`) is refused as
 * invisible-character: on screen it reads as `10`, but it may have been meant as two numbers, and guessing
 * either way stores a number the person did not see.
 */

export type NumberProblem = 'not-a-number' | 'not-finite' | 'invisible-character';

const INVISIBLE = /\p{Cf}/gu;
const NUMBER_CHAR = '[0-9.,eE+\\-\u2212]';
const INVISIBLE_INSIDE = new RegExp(`(?<=${NUMBER_CHAR})\\p{Cf}+(?=${NUMBER_CHAR})`, 'u');
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const NON_FINITE_WORD = /^[+-]?(?:inf(?:inity)?|nan|∞)$/i;
// JavaScript's \s counts the BOM as a space; here it is an invisible mark like the others.
const SPACE = /[^\S\uFEFF]/;
// Invisible marks and the minus sign lie outside printable ASCII: plain text skips the slower checks.
const NOT_PLAIN_ASCII = /[^ -~\t\n\r]/;

/** A finite number, or why the token is not one. Never throws. */
export function readNumber(token: string): number | NumberProblem {
  const unusual = NOT_PLAIN_ASCII.test(token);
  if (unusual && INVISIBLE_INSIDE.test(token)) return 'invisible-character';
  const text = unusual ? removeInvisible(token).trim().replaceAll('\u2212', '-') : token.trim();
  if (NON_FINITE_WORD.test(text)) return 'not-finite';
  const dotted = text.replace(',', '.');
  if (!NUMBER.test(dotted)) return 'not-a-number';
  const value = Number(dotted);
  return Number.isFinite(value) ? value : 'not-finite';
}

/**
 * A count (epochs, a seed, a row number): a number in readNumber's syntax that is whole and written with
 * no decimal mark, so that `20,000` and `20.000` are refused rather than read as twenty. Undefined
 * otherwise, also for `2 3` or any other text with more than one number in it.
 */
export function readWholeNumber(token: string): number | undefined {
  const value = readNumber(token);
  if (typeof value !== 'number' || /[.,]/.test(token) || !Number.isSafeInteger(value)) return undefined;
  return Object.is(value, -0) ? 0 : value;
}

/**
 * The first piece of the text (between spaces) with an invisible mark inside a number, the mark written
 * out as revealInvisible does; undefined when there is none.
 */
export function findInvisibleInsideNumber(text: string): string | undefined {
  const found = NOT_PLAIN_ASCII.test(text) ? INVISIBLE_INSIDE.exec(text) : null;
  if (!found) return undefined;
  let start = found.index;
  let end = found.index + found[0].length;
  while (start > 0 && !SPACE.test(text[start - 1] ?? '')) start--;
  while (end < text.length && !SPACE.test(text[end] ?? '')) end++;
  return revealInvisible(text.slice(start, end));
}

/** The text without invisible format marks. */
export function removeInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

// The text with each invisible mark written out, e.g. `1[U+200B]0`, so that a message can show it.
function revealInvisible(text: string): string {
  return text.replace(
    INVISIBLE,
    (mark) => `[U+${mark.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}]`,
  );
}
