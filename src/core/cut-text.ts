/**
 * The text if it has at most `max` code points; otherwise its first `max - 1` code points and '…'. Cuts
 * only between code points, so a surrogate pair (an emoji) is never split. Work is bounded by `max`, not
 * by the length of the text. TypeError when text is not a string, RangeError unless max is a whole
 * number of at least 1.
 */
export function cutText(text: string, max: number): string {
  if (typeof text !== 'string') throw new TypeError('cutText expects a string');
  if (!Number.isSafeInteger(max) || max < 1)
    throw new RangeError(`max must be a whole number >= 1, got ${max}`);
  // 2 * max code units hold at least max whole code points, so this slice decides whether to cut.
  const chars = Array.from(text.slice(0, max * 2));
  if (chars.length <= max && text.length <= max * 2) return text;
  return `${chars.slice(0, max - 1).join('')}…`;
}
