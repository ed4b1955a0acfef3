import { describe, expect, it } from 'vitest';
import { findTextProblem, parseTelegramHtml } from '../../src/dev/fake-html-check.js';

const visibleText = (html: string): string | undefined => {
  const parsed = parseTelegramHtml(html);
  return parsed.ok ? parsed.text : undefined;
};

const parseError = (html: string): string | undefined => {
  const parsed = parseTelegramHtml(html);
  return parsed.ok ? undefined : parsed.error;
};

describe('parseTelegramHtml', () => {
  it.each([
    ['<b>x</b>', 'x'],
    ['<code>a -&gt; b</code>', 'a -> b'],
    ['<pre>1│ 0 0 1 → 0</pre>', '1│ 0 0 1 → 0'],
    ['🧠 <b>Обучение</b> готово ✅ 0.99996', '🧠 Обучение готово ✅ 0.99996'],
    ['w = 2·r − 1 > 0', 'w = 2·r − 1 > 0'],
    ['&lt;&gt;&amp;&quot;&#123;&#x1F600;', '<>&"{😀'],
    ['<B>loud</B>', 'loud'],
  ])('reads %j as the visible text %j', (html, text) => {
    expect(visibleText(html)).toBe(text);
  });

  it('accepts every tag Telegram supports, nested in order', () => {
    const html = [
      '<strong>1</strong><i>2</i><em>3</em><u>4</u><ins>5</ins><s>6</s><strike>7</strike><del>8</del>',
      '<span class="tg-spoiler">9</span><tg-spoiler>10</tg-spoiler>',
      '<a href="https://example.org/?a=1&amp;b=2">11</a><a href=\'tg://user?id=1\'>12</a>',
      '<pre><code class="language-python">13</code></pre><blockquote expandable>14</blockquote>',
      '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji><b><i><u>15</u></i></b>',
    ].join('');
    expect(visibleText(html)).toBe('1234567891011121314👍15');
  });

  it.each([
    ['<br>', 'Unsupported start tag "br" at byte offset 0'],
    ['a <p>b</p>', 'Unsupported start tag "p" at byte offset 2'],
    ['й<br/>', 'Unsupported start tag "br/" at byte offset 2'],
    ['1 < 2', 'Unsupported start tag "" at byte offset 2'],
    ['Tom & Jerry', 'Unescaped "&" (write &amp;) at byte offset 4'],
    ['&nbsp;', 'Unescaped "&" (write &amp;) at byte offset 0'],
    ['&#xD800;', 'Unescaped "&" (write &amp;) at byte offset 0'],
    ['<b>open', 'Can\'t find end tag corresponding to start tag "b"'],
    ['closed</b>', 'Unexpected end tag at byte offset 6'],
    ['<b><i>x</b></i>', 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
    ['<span>x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ['<tg-emoji>x</tg-emoji>', 'Invalid custom emoji identifier specified at byte offset 0'],
    ['<a href="https://example.org"', 'Unclosed start tag "a" at byte offset 0'],
    ['<b>x</b', 'Unclosed end tag at byte offset 4'],
  ])('refuses %j: %s', (html, error) => {
    expect(parseError(html)).toBe(error);
  });
});

describe('findTextProblem', () => {
  it('takes a plain text with < and & as it is, and does not parse other modes', () => {
    expect(findTextProblem('1 < 2 & 3', undefined, 'text')).toBeUndefined();
    expect(findTextProblem('<br>', 'MarkdownV2', 'text')).toBeUndefined();
    expect(findTextProblem('<br>', 'html', 'text')).toMatch(/^can't parse entities: Unsupported start tag/);
  });

  it('measures the visible text in UTF-16 code units against 4096', () => {
    expect(findTextProblem(`<b>${'a'.repeat(4096)}</b>`, 'HTML', 'text')).toBeUndefined();
    expect(findTextProblem('&amp;'.repeat(4096), 'HTML', 'text')).toBeUndefined();
    expect(findTextProblem(`<b>${'a'.repeat(4097)}</b>`, 'HTML', 'text')).toBe('message is too long');
    expect(findTextProblem('😀'.repeat(2048), 'HTML', 'text')).toBeUndefined();
    expect(findTextProblem(`${'😀'.repeat(2048)}a`, 'HTML', 'text')).toBe('message is too long');
    expect(findTextProblem('a'.repeat(4097), undefined, 'text')).toBe('message is too long');
  });

  it('allows a caption 1024 units long, not longer, and no caption at all', () => {
    expect(findTextProblem(`<i>${'a'.repeat(1024)}</i>`, 'HTML', 'caption')).toBeUndefined();
    expect(findTextProblem('a'.repeat(1025), 'HTML', 'caption')).toBe('message caption is too long');
    expect(findTextProblem(undefined, 'HTML', 'caption')).toBeUndefined();
    expect(findTextProblem('<i>x', 'HTML', 'caption')).toMatch(/^can't parse entities: /);
  });

  it('refuses a lone surrogate, but not an emoji made of a surrogate pair', () => {
    expect(findTextProblem('a\ud800b', 'HTML', 'text')).toBe('text must be encoded in UTF-8');
    expect(findTextProblem('a\udc00', undefined, 'caption')).toBe('text must be encoded in UTF-8');
    expect(findTextProblem('a\ud83d\ude00', 'HTML', 'text')).toBeUndefined();
  });

  it('calls a text empty when nothing visible is left', () => {
    for (const text of ['', '   ', '<b> </b>', '<i></i>\n']) {
      expect(findTextProblem(text, 'HTML', 'text')).toBe('message text is empty');
    }
    expect(findTextProblem(undefined, undefined, 'text')).toBe('message text is empty');
  });
});
