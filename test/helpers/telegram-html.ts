/** Tags Telegram's HTML parse mode accepts. */
const TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'a',
  'tg-emoji',
  'code',
  'pre',
  'blockquote',
]);

const TOKEN = /<(\/?)([a-zA-Z-]+)(?:\s[^<>]*)?>|&(?:#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);|[<&]/g;

/**
 * Why Telegram would refuse this text with parse_mode HTML ("can't parse entities"), or undefined when it
 * would take it: a bare < or &, an unknown tag, or tags that do not close in order.
 */
export function findHtmlProblem(text: string): string | undefined {
  const open: string[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const [token, closing, name] = match;
    if (token === '<' || token === '&') return `a bare ${token} at ${match.index}`;
    if (name === undefined) continue;
    const tag = name.toLowerCase();
    if (!TAGS.has(tag)) return `the unsupported tag <${tag}> at ${match.index}`;
    if (!closing) open.push(tag);
    else if (open.pop() !== tag) return `</${tag}> at ${match.index} closes nothing open`;
  }
  return open.length > 0 ? `<${open.join('>, <')}> never closed` : undefined;
}
