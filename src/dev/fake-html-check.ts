/** Tags Telegram's HTML parse mode accepts; span needs class="tg-spoiler" and tg-emoji a numeric emoji-id. */
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
  'code',
  'pre',
  'blockquote',
  'tg-emoji',
]);
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
const SPECIAL = /[<&]/g;
const ENTITY = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,8})|([a-zA-Z]+));/y;
const START_TAG_NAME = /<([^\s>]*)/y;
const ATTRIBUTE = /\s*([^\s=>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([\w.-]+)(?=[\s>])))?/y;
const TAG_CLOSE = /\s*>/y;
const END_TAG = /<\/([^\s>]*)\s*>/y;
const LONE_SURROGATE = /\p{Cs}/u;
const LIMITS = { text: 4096, caption: 1024 };

export type HtmlParse = { ok: true; text: string } | { ok: false; error: string };
type Step = { ok: true; end: number; text?: string; opened?: string } | { ok: false; error: string };

function readAt(pattern: RegExp, html: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(html);
}

// Telegram reports positions in UTF-8 bytes.
const where = (html: string, at: number): string => ` at byte offset ${Buffer.byteLength(html.slice(0, at))}`;

function readEntity(html: string, at: number): Step {
  const match = readAt(ENTITY, html, at);
  const [all, decimal, hex, name] = match ?? [];
  const code = decimal !== undefined ? Number(decimal) : hex !== undefined ? Number.parseInt(hex, 16) : 0;
  const isScalar = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
  const char = name !== undefined ? NAMED_ENTITIES[name] : isScalar ? String.fromCodePoint(code) : undefined;
  if (all === undefined || char === undefined) {
    return { ok: false, error: `Unescaped "&" (write &amp;)${where(html, at)}` };
  }
  return { ok: true, end: at + all.length, text: char };
}

function checkAttributes(tag: string, attributes: Map<string, string>): string | undefined {
  if (tag === 'span' && attributes.get('class') !== 'tg-spoiler')
    return 'Tag "span" must have class "tg-spoiler"';
  if (tag === 'tg-emoji' && !/^\d+$/.test(attributes.get('emoji-id') ?? '')) {
    return 'Invalid custom emoji identifier specified';
  }
  return undefined;
}

function readStartTag(html: string, at: number): Step {
  const nameMatch = readAt(START_TAG_NAME, html, at);
  const tag = (nameMatch?.[1] ?? '').toLowerCase();
  if (!TAGS.has(tag)) return { ok: false, error: `Unsupported start tag "${tag}"${where(html, at)}` };
  const attributes = new Map<string, string>();
  let i = at + (nameMatch?.[0].length ?? 1);
  for (let close = readAt(TAG_CLOSE, html, i); !close; close = readAt(TAG_CLOSE, html, i)) {
    const attribute = readAt(ATTRIBUTE, html, i);
    if (!attribute) {
      const kind = html.includes('>', i) ? 'Invalid attribute in start tag' : 'Unclosed start tag';
      return { ok: false, error: `${kind} "${tag}"${where(html, at)}` };
    }
    const [all, name = '', double, single, token] = attribute;
    attributes.set(name.toLowerCase(), double ?? single ?? token?.toLowerCase() ?? '');
    i += all.length;
  }
  const problem = checkAttributes(tag, attributes);
  if (problem) return { ok: false, error: problem + where(html, at) };
  return { ok: true, end: html.indexOf('>', i) + 1, opened: tag };
}

function readEndTag(html: string, at: number, open: string[]): Step {
  const match = readAt(END_TAG, html, at);
  if (!match) return { ok: false, error: `Unclosed end tag${where(html, at)}` };
  const tag = (match[1] ?? '').toLowerCase();
  const expected = open.pop();
  if (expected === undefined) return { ok: false, error: `Unexpected end tag${where(html, at)}` };
  if (tag !== expected) {
    const found = `expected "</${expected}>", found "</${tag}>"`;
    return { ok: false, error: `Unmatched end tag${where(html, at)}, ${found}` };
  }
  return { ok: true, end: at + match[0].length };
}

/**
 * Parses a text in Telegram's HTML parse mode into the text a reader sees (tags removed, entities decoded),
 * or says why Telegram would answer "can't parse entities". Stricter than Telegram on one point: a bare &
 * that starts no entity is refused, as Telegram's documentation asks.
 */
export function parseTelegramHtml(html: string): HtmlParse {
  const open: string[] = [];
  let text = '';
  let i = 0;
  for (let found = readAt(SPECIAL, html, i); found; found = readAt(SPECIAL, html, i)) {
    text += html.slice(i, found.index);
    const at = found.index;
    const step =
      found[0] === '&'
        ? readEntity(html, at)
        : html[at + 1] === '/'
          ? readEndTag(html, at, open)
          : readStartTag(html, at);
    if (!step.ok) return step;
    if (step.opened) open.push(step.opened);
    text += step.text ?? '';
    i = step.end;
  }
  const last = open.at(-1);
  if (last !== undefined)
    return { ok: false, error: `Can't find end tag corresponding to start tag "${last}"` };
  return { ok: true, text: text + html.slice(i) };
}

/**
 * Why Telegram would refuse a message text or caption, worded as after "Bad Request: ", or undefined when
 * it would take it. With parse_mode HTML the limits apply to the visible text; other modes are not parsed.
 */
export function findTextProblem(
  value: unknown,
  parseMode: unknown,
  kind: 'text' | 'caption',
): string | undefined {
  if (typeof value !== 'string') return kind === 'text' ? 'message text is empty' : undefined;
  if (LONE_SURROGATE.test(value)) return 'text must be encoded in UTF-8';
  let visible = value;
  if (typeof parseMode === 'string' && parseMode.toLowerCase() === 'html') {
    const parsed = parseTelegramHtml(value);
    if (!parsed.ok) return `can't parse entities: ${parsed.error}`;
    visible = parsed.text;
  }
  visible = visible.trim();
  if (kind === 'text' && visible === '') return 'message text is empty';
  if (visible.length <= LIMITS[kind]) return undefined;
  return kind === 'text' ? 'message is too long' : 'message caption is too long';
}
